using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Mfrc522;

/// <summary>ISO/IEC 14443-3 type A: request, wake-up, anticollision and select over cascade levels 1..3, halt.</summary>
public sealed partial class Mfrc522
{
    // ISO/IEC 14443-3 type A commands: REQA and WUPA are 7-bit short frames; HLTA is 50 00 + CRC_A.
    private const byte Reqa = 0x26;
    private const byte Wupa = 0x52;
    private const byte Hlta = 0x50;
    private const int ShortFrameBits = 7;

    // Anticollision: SEL, NVB, UID CLn (4 bytes), BCC, CRC_A. NVB 0x70 = seven bytes sent, i.e. SELECT.
    private const byte CascadeTag = 0x88;
    private const byte NvbSelect = 0x70;
    private const int UidBitsPerLevel = 32;
    private const int UidAndBccBits = 40;
    private const int SelectFrameLength = 9;
    private static readonly byte[] SelectCodes = [0x93, 0x95, 0x97];

    /// <summary>REQA: wakes cards in the IDLE state. Collision means several cards answered (still "a card is there").</summary>
    public Mfrc522Status RequestA(out ushort atqa) => SendShortFrame(Reqa, out atqa);

    /// <summary>WUPA: like REQA, but also wakes cards that were halted with HLTA.</summary>
    public Mfrc522Status WakeUpA(out ushort atqa) => SendShortFrame(Wupa, out atqa);

    /// <summary>REQA (or WUPA) followed by <see cref="Select"/>: brings one card in the field to the ACTIVE state.</summary>
    public Mfrc522Status ListenForCard(bool wakeUp, out PiccSelection? card)
    {
        card = null;
        var status = wakeUp ? WakeUpA(out var atqa) : RequestA(out atqa);
        return status is Mfrc522Status.Ok or Mfrc522Status.Collision ? Select(atqa, out card) : status;
    }

    /// <summary>
    /// Anticollision and select, cascade level by cascade level (SEL 0x93, 0x95, 0x97), until the SAK
    /// says the UID is complete. A cascade tag 0x88 in UID CLn means the UID continues in the next level.
    /// When cards collide, the branch with a 1 in the colliding bit wins.
    /// </summary>
    public Mfrc522Status Select(ushort atqa, out PiccSelection? card)
    {
        card = null;
        var uid = new List<byte>(10);
        Span<byte> uidCl = stackalloc byte[4];
        foreach (var selectCode in SelectCodes)
        {
            var status = SelectCascadeLevel(selectCode, uidCl, out var sak);
            if (status != Mfrc522Status.Ok)
            {
                return status;
            }

            if ((sak & SakDecoder.CascadeBit) == 0)
            {
                uid.AddRange(uidCl);
                card = new PiccSelection([.. uid], atqa, sak);
                return Mfrc522Status.Ok;
            }

            if (uidCl[0] != CascadeTag)
            {
                return Mfrc522Status.InvalidResponse;
            }

            uid.AddRange(uidCl[1..]);
        }

        return Mfrc522Status.InvalidResponse;
    }

    /// <summary>HLTA: puts the ACTIVE card into HALT. Success is silence: any answer means not acknowledged.</summary>
    public Mfrc522Status HaltA()
    {
        Span<byte> frame = [Hlta, 0x00, 0x00, 0x00];
        var crcStatus = AppendCrcA(frame);
        if (crcStatus != Mfrc522Status.Ok)
        {
            return crcStatus;
        }

        Span<byte> answer = stackalloc byte[4];
        var result = Transceive(frame, answer, ActivationTimeout);
        return result.Status switch
        {
            Mfrc522Status.NoAnswer => Mfrc522Status.Ok,
            Mfrc522Status.Ok => Mfrc522Status.InvalidResponse,
            var other => other,
        };
    }

    /// <summary>BCC: exclusive-or of the four UID CLn bytes.</summary>
    private static byte BlockCheckCharacter(ReadOnlySpan<byte> uidCl) => (byte)(uidCl[0] ^ uidCl[1] ^ uidCl[2] ^ uidCl[3]);

    private Mfrc522Status SendShortFrame(byte command, out ushort atqa)
    {
        atqa = 0;
        Span<byte> answer = stackalloc byte[2];
        var result = Transceive([command], answer, ActivationTimeout, txLastBits: ShortFrameBits);
        if (result.Status != Mfrc522Status.Ok)
        {
            return result.Status;
        }

        if (result.Length != 2 || result.ValidBitsInLastByte != 0)
        {
            return Mfrc522Status.InvalidResponse;
        }

        atqa = (ushort)(answer[0] | (answer[1] << 8));
        return Mfrc522Status.Ok;
    }

    private Mfrc522Status SelectCascadeLevel(byte selectCode, Span<byte> uidCl, out byte sak)
    {
        sak = 0;
        Span<byte> frame = stackalloc byte[SelectFrameLength];
        frame[0] = selectCode;
        var status = ResolveUidCl(frame);
        if (status != Mfrc522Status.Ok)
        {
            return status;
        }

        if (BlockCheckCharacter(frame[2..6]) != frame[6])
        {
            return Mfrc522Status.InvalidResponse;
        }

        frame[1] = NvbSelect;
        status = SendSelect(frame, out sak);
        frame[2..6].CopyTo(uidCl);
        return status;
    }

    /// <summary>SELECT with the complete UID CLn + BCC; the card answers SAK + CRC_A.</summary>
    private Mfrc522Status SendSelect(Span<byte> frame, out byte sak)
    {
        sak = 0;
        var status = AppendCrcA(frame);
        if (status != Mfrc522Status.Ok)
        {
            return status;
        }

        Span<byte> answer = stackalloc byte[3];
        var result = Transceive(frame, answer, ActivationTimeout);
        if (result.Status != Mfrc522Status.Ok)
        {
            return result.Status;
        }

        if (result.Length != 3 || result.ValidBitsInLastByte != 0)
        {
            return Mfrc522Status.InvalidResponse;
        }

        status = CheckCrcA(answer);
        sak = answer[0];
        return status;
    }

    /// <summary>
    /// Bit-oriented anticollision: sends the known bits of UID CLn (NVB says how many) and lets the
    /// card(s) complete them, until 32 UID bits + BCC are known. Every collision adds at least one
    /// known bit, so the loop ends.
    /// </summary>
    private Mfrc522Status ResolveUidCl(Span<byte> frame)
    {
        Span<byte> answer = stackalloc byte[5];
        var knownBits = 0;
        while (knownBits <= UidBitsPerLevel)
        {
            var fullBytes = knownBits / 8;
            var extraBits = knownBits % 8;
            frame[1] = (byte)(((2 + fullBytes) << 4) | extraBits);
            var sendLength = 2 + fullBytes + (extraBits > 0 ? 1 : 0);
            var result = Transceive(frame[..sendLength], answer, ActivationTimeout, txLastBits: extraBits, rxAlign: extraBits);
            if (result.Status is not (Mfrc522Status.Ok or Mfrc522Status.Collision))
            {
                return result.Status;
            }

            if (!MergeAnswer(frame, 2 + fullBytes, extraBits, answer[..result.Length]))
            {
                return Mfrc522Status.InvalidResponse;
            }

            if (result.Status == Mfrc522Status.Ok)
            {
                return knownBits + ReceivedBits(result, extraBits) == UidAndBccBits ? Mfrc522Status.Ok : Mfrc522Status.InvalidResponse;
            }

            // CollPos counts from the first bit of the first received byte, RxAlign included (9.3.1.15).
            var collision = (fullBytes * 8) + result.CollisionPosition;
            if (result.CollisionPosition == 0 || collision <= knownBits || collision > UidBitsPerLevel)
            {
                return Mfrc522Status.Collision;
            }

            frame[2 + ((collision - 1) / 8)] |= (byte)(1 << ((collision - 1) % 8));
            knownBits = collision;
        }

        return Mfrc522Status.Collision;
    }

    private static int ReceivedBits(TransceiveResult result, int rxAlign)
    {
        var bits = result.ValidBitsInLastByte == 0 ? result.Length * 8 : ((result.Length - 1) * 8) + result.ValidBitsInLastByte;
        return bits - rxAlign;
    }

    /// <summary>Copies the answer behind the known bits; the first byte keeps its known low bits.</summary>
    private static bool MergeAnswer(Span<byte> frame, int index, int extraBits, ReadOnlySpan<byte> answer)
    {
        if (answer.IsEmpty)
        {
            return true;
        }

        if (index + answer.Length > 7)
        {
            return false;
        }

        var keep = (byte)((1 << extraBits) - 1);
        frame[index] = (byte)((frame[index] & keep) | (answer[0] & ~keep));
        answer[1..].CopyTo(frame[(index + 1)..]);
        return true;
    }
}
