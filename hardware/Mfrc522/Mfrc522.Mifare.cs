namespace KioskAgent.Hardware.Mfrc522;

/// <summary>MIFARE Classic authentication (MFAuthent, section 10.3.1.9) and the MIFARE / Ultralight READ command.</summary>
public sealed partial class Mfrc522
{
    /// <summary>MIFARE READ (MF1S50yyX section 12.2, MF0ICU1 section 9.2): one block or four pages, 16 bytes + CRC_A.</summary>
    private const byte MifareReadCommand = 0x30;
    private const int MifareBlockSize = 16;

    /// <summary>A MIFARE ACK / NAK is a 4-bit frame; 0xA is ACK, anything else NAK (MF1S50yyX section 10.3).</summary>
    private const int AckNakBits = 4;

    // Status2Reg bit 3 MFCrypto1On (9.3.1.9): set by a successful MFAuthent, cleared only by software.
    private const byte MfCrypto1On = 0x08;

    /// <summary>Whether the Crypto1 unit is on, i.e. the last MFAuthent succeeded and was not stopped.</summary>
    public bool Crypto1On => (ReadRegister(Register.Status2Reg) & MfCrypto1On) != 0;

    /// <summary>
    /// MFAuthent with a 6-byte key for the sector holding <paramref name="blockAddress"/>.
    /// <paramref name="uid"/> is the four-byte authentication UID (<see cref="PiccSelection.AuthenticationUid"/>).
    /// A wrong key makes the card fall silent: the result is <see cref="Mfrc522Status.AuthenticationFailed"/>
    /// and the card has to be activated again.
    /// </summary>
    public Mfrc522Status MifareAuthenticate(MifareKeyType keyType, byte blockAddress, ReadOnlySpan<byte> key, ReadOnlySpan<byte> uid)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 6, nameof(key));
        ArgumentOutOfRangeException.ThrowIfNotEqual(uid.Length, 4, nameof(uid));
        Span<byte> fifo = stackalloc byte[12];
        fifo[0] = (byte)keyType;
        fifo[1] = blockAddress;
        key.CopyTo(fifo[2..]);
        uid.CopyTo(fifo[8..]);
        SetTimeout(MifareTimeout);
        LoadFifo(fifo);
        WriteRegister(Register.CommandReg, (byte)Command.MifareAuthenticate);
        var irq = WaitForIrq(IdleIrq, MifareTimeout);
        WriteRegister(Register.CommandReg, (byte)Command.Idle);
        if (irq is null)
        {
            return Mfrc522Status.ChipTimeout;
        }

        return (irq & IdleIrq) != 0 && Crypto1On ? Mfrc522Status.Ok : Mfrc522Status.AuthenticationFailed;
    }

    /// <summary>Ends the authenticated session: clears MFCrypto1On so later frames go out in plain text.</summary>
    public void StopCrypto1() => ClearBits(Register.Status2Reg, MfCrypto1On);

    /// <summary>
    /// MIFARE READ: 16 bytes from a Classic block (after authentication) or four Ultralight/NTAG
    /// pages starting at <paramref name="blockAddress"/>. The CRC_A of the answer is checked.
    /// </summary>
    public Mfrc522Status MifareRead(byte blockAddress, Span<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(data.Length, MifareBlockSize, nameof(data));
        Span<byte> frame = [MifareReadCommand, blockAddress, 0x00, 0x00];
        var status = AppendCrcA(frame);
        if (status != Mfrc522Status.Ok)
        {
            return status;
        }

        Span<byte> answer = stackalloc byte[MifareBlockSize + 2];
        var result = Transceive(frame, answer, MifareTimeout);
        if (result.Status != Mfrc522Status.Ok)
        {
            return result.Status;
        }

        if (result is { Length: 1, ValidBitsInLastByte: AckNakBits })
        {
            return Mfrc522Status.Nak;
        }

        if (result.Length != answer.Length || result.ValidBitsInLastByte != 0)
        {
            return Mfrc522Status.InvalidResponse;
        }

        status = CheckCrcA(answer);
        if (status == Mfrc522Status.Ok)
        {
            answer[..MifareBlockSize].CopyTo(data);
        }

        return status;
    }
}
