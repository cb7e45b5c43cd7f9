using System.Diagnostics;

namespace KioskAgent.Hardware.Mfrc522;

/// <summary>The chip's data commands: Transceive (section 10.3.1.8) and CalcCRC (section 10.3.1.4).</summary>
public sealed partial class Mfrc522
{
    /// <summary>
    /// REQA, WUPA, anticollision, SELECT and HLTA are answered after a fixed frame delay time of
    /// about 86–91 µs (ISO/IEC 14443-3, section 6.2.1.1). 1 ms is ten times that and keeps a poll
    /// without a card short.
    /// </summary>
    public static readonly TimeSpan ActivationTimeout = TimeSpan.FromMilliseconds(1);

    /// <summary>MIFARE READ and authentication: the 25 ms the reference design uses, generous for every MIFARE command.</summary>
    public static readonly TimeSpan MifareTimeout = TimeSpan.FromMilliseconds(25);

    /// <summary>Added to the card timeout: when the chip has raised no interrupt by then, the chip or the bus is broken.</summary>
    private static readonly TimeSpan ChipGrace = TimeSpan.FromMilliseconds(50);

    /// <summary>One timer tick: TPrescaler 169 gives 13.56 MHz / (2 × 169 + 1) = 40 kHz (section 8.5).</summary>
    private const double TimerTickMicroseconds = 25.0;

    // TModeReg (9.3.3.10): TAuto starts the timer when a transmission ends, so TimerIRq means "no answer in time".
    private const byte TModeAuto = 0x80;
    private const byte TPrescalerValue = 0xA9;

    // ComIrqReg bits (9.3.1.5). Writing 0x7F (Set1 = 0) clears every request bit.
    private const byte TimerIrq = 0x01;
    private const byte IdleIrq = 0x10;
    private const byte RxIrq = 0x20;
    private const byte ClearAllIrqs = 0x7F;

    // DivIrqReg bit 2 CRCIRq (9.3.1.6); writing the bit with Set2 = 0 clears it.
    private const byte CrcIrq = 0x04;

    // FIFOLevelReg bit 7 FlushBuffer, bits 6..0 FIFOLevel (9.3.1.11); the FIFO holds 64 bytes (section 8.3.1).
    private const byte FlushBuffer = 0x80;
    private const byte FifoLevelMask = 0x7F;
    private const int FifoSize = 64;

    // BitFramingReg bit 7 StartSend (9.3.1.14); ControlReg bits 2..0 RxLastBits (9.3.1.13).
    private const byte StartSend = 0x80;
    private const byte RxLastBitsMask = 0x07;

    // ErrorReg bits (9.3.1.7).
    private const byte ProtocolErr = 0x01;
    private const byte ParityErr = 0x02;
    private const byte CollErr = 0x08;
    private const byte BufferOvfl = 0x10;

    // CollReg (9.3.1.15): bit 5 CollPosNotValid, bits 4..0 CollPos (1 = first bit, 0 = 32nd bit).
    private const byte CollPosNotValid = 0x20;
    private const byte CollPosMask = 0x1F;

    /// <summary>
    /// Sends <paramref name="frame"/> and receives the card's answer into <paramref name="response"/>.
    /// <paramref name="txLastBits"/> is the number of bits to send of the last byte (0 = all eight);
    /// <paramref name="rxAlign"/> the bit position in the first received byte where reception starts
    /// (both BitFramingReg, section 9.3.1.14; used for short frames and bit-oriented anticollision).
    /// </summary>
    public TransceiveResult Transceive(ReadOnlySpan<byte> frame, Span<byte> response, TimeSpan timeout, int txLastBits = 0, int rxAlign = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(txLastBits, 7);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rxAlign, 7);
        SetTimeout(timeout);
        LoadFifo(frame);
        WriteRegister(Register.BitFramingReg, (byte)((rxAlign << 4) | txLastBits));
        WriteRegister(Register.CommandReg, (byte)Command.Transceive);
        SetBits(Register.BitFramingReg, StartSend);
        var irq = WaitForIrq(RxIrq | IdleIrq, timeout);
        var result = irq switch
        {
            null => TransceiveResult.Failed(Mfrc522Status.ChipTimeout),
            var bits when (bits & (RxIrq | IdleIrq)) == 0 => TransceiveResult.Failed(Mfrc522Status.NoAnswer),
            _ => ReadAnswer(response),
        };

        // Stop the receiver only after ErrorReg, the FIFO and CollReg have been read: a new command
        // is what resets them. StartSend is cleared by the next BitFramingReg write.
        WriteRegister(Register.CommandReg, (byte)Command.Idle);
        return result;
    }

    /// <summary>CRC_A of <paramref name="data"/> by the chip's coprocessor, low byte first as sent on air.</summary>
    public Mfrc522Status CalculateCrcA(ReadOnlySpan<byte> data, Span<byte> crc)
    {
        WriteRegister(Register.CommandReg, (byte)Command.Idle);
        WriteRegister(Register.DivIrqReg, CrcIrq);
        WriteRegister(Register.FifoLevelReg, FlushBuffer);
        WriteRegister(Register.FifoDataReg, data);
        WriteRegister(Register.CommandReg, (byte)Command.CalculateCrc);
        var clock = Stopwatch.StartNew();
        while ((ReadRegister(Register.DivIrqReg) & CrcIrq) == 0)
        {
            if (clock.Elapsed > ChipGrace)
            {
                return Mfrc522Status.ChipTimeout;
            }
        }

        WriteRegister(Register.CommandReg, (byte)Command.Idle);
        crc[0] = ReadRegister(Register.CrcResultRegLow);
        crc[1] = ReadRegister(Register.CrcResultRegHigh);
        return Mfrc522Status.Ok;
    }

    /// <summary>Checks the two trailing CRC_A bytes of a received frame.</summary>
    public Mfrc522Status CheckCrcA(ReadOnlySpan<byte> frameWithCrc)
    {
        if (frameWithCrc.Length < 3)
        {
            return Mfrc522Status.InvalidResponse;
        }

        Span<byte> crc = stackalloc byte[2];
        var status = CalculateCrcA(frameWithCrc[..^2], crc);
        if (status != Mfrc522Status.Ok)
        {
            return status;
        }

        return crc.SequenceEqual(frameWithCrc[^2..]) ? Mfrc522Status.Ok : Mfrc522Status.CrcError;
    }

    /// <summary>Appends CRC_A to <paramref name="frame"/>, whose last two bytes are the room for it.</summary>
    private Mfrc522Status AppendCrcA(Span<byte> frame) => CalculateCrcA(frame[..^2], frame[^2..]);

    private void ConfigureTimer()
    {
        WriteRegister(Register.TModeReg, TModeAuto);
        WriteRegister(Register.TPrescalerReg, TPrescalerValue);
        _timerReload = 0;
        SetTimeout(MifareTimeout);
    }

    /// <summary>TReloadReg (9.3.3.11) in 25 µs ticks; written only when it changes.</summary>
    private void SetTimeout(TimeSpan timeout)
    {
        var ticks = (ushort)Math.Clamp(Math.Ceiling(timeout.TotalMicroseconds / TimerTickMicroseconds), 1, ushort.MaxValue);
        if (ticks == _timerReload)
        {
            return;
        }

        WriteRegister(Register.TReloadRegHigh, (byte)(ticks >> 8));
        WriteRegister(Register.TReloadRegLow, (byte)ticks);
        _timerReload = ticks;
    }

    /// <summary>Stops any command, clears the interrupt requests and the FIFO, then fills it.</summary>
    private void LoadFifo(ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, FifoSize);
        WriteRegister(Register.CommandReg, (byte)Command.Idle);
        WriteRegister(Register.ComIrqReg, ClearAllIrqs);
        WriteRegister(Register.FifoLevelReg, FlushBuffer);
        if (!data.IsEmpty)
        {
            WriteRegister(Register.FifoDataReg, data);
        }
    }

    /// <summary>Polls ComIrqReg until one of <paramref name="done"/> or TimerIRq is set; null when the chip stays silent.</summary>
    private byte? WaitForIrq(byte done, TimeSpan timeout)
    {
        var deadline = timeout + ChipGrace;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed <= deadline)
        {
            var irq = ReadRegister(Register.ComIrqReg);
            if ((irq & (done | TimerIrq)) != 0)
            {
                return irq;
            }
        }

        return null;
    }

    private TransceiveResult ReadAnswer(Span<byte> response)
    {
        var error = ReadRegister(Register.ErrorReg);
        if ((error & BufferOvfl) != 0)
        {
            return TransceiveResult.Failed(Mfrc522Status.BufferOverflow);
        }

        var length = ReadRegister(Register.FifoLevelReg) & FifoLevelMask;
        if (length > response.Length)
        {
            return TransceiveResult.Failed(Mfrc522Status.BufferOverflow);
        }

        ReadRegister(Register.FifoDataReg, response[..length]);
        var lastBits = ReadRegister(Register.ControlReg) & RxLastBitsMask;
        if ((error & CollErr) != 0)
        {
            return new TransceiveResult(Mfrc522Status.Collision, length, lastBits, ReadCollisionPosition());
        }

        if ((error & (ParityErr | ProtocolErr)) != 0)
        {
            return TransceiveResult.Failed(Mfrc522Status.ProtocolError);
        }

        return new TransceiveResult(Mfrc522Status.Ok, length, lastBits, 0);
    }

    private int ReadCollisionPosition()
    {
        var coll = ReadRegister(Register.CollReg);
        if ((coll & CollPosNotValid) != 0)
        {
            return 0;
        }

        var position = coll & CollPosMask;
        return position == 0 ? 32 : position;
    }
}
