using System.Device.Spi;
using KioskAgent.Hardware.Mfrc522;

namespace KioskAgent.Tests.Testing.Mfrc522;

/// <summary>
/// An MFRC522 behind a simulated <see cref="SpiDevice"/>: the SPI address-byte protocol (section
/// 8.1.2), the register map with the side effects the driver relies on (interrupt request
/// set/clear, FIFO and its level, flush, soft reset with a PowerDown phase, CalcCRC, Transceive
/// with TxLastBits/RxAlign/RxLastBits, bit collisions into ErrorReg/CollReg, MFAuthent into
/// Status2Reg) and the cards in its field. Timing is instantaneous: a frame nobody answers sets
/// TimerIRq at once.
/// </summary>
public sealed class SimulatedMfrc522 : SpiDevice
{
    private const int RegisterCount = 64;
    private const int FifoSize = 64;

    private readonly Lock _gate = new();
    private readonly byte[] _registers = new byte[RegisterCount];
    private readonly Queue<byte> _fifo = new();
    private readonly List<SimulatedPicc> _field = [];
    private readonly List<RegisterWrite> _writes = [];
    private readonly List<byte[]> _sentFrames = [];
    private int _powerDownReads;
    private volatile bool _busFault;

    public SimulatedMfrc522() => ResetRegisters();

    public override SpiConnectionSettings ConnectionSettings { get; } = global::KioskAgent.Hardware.Mfrc522.Mfrc522.CreateSpiSettings();

    /// <summary>What VersionReg reads; 0x00 or 0xFF emulate a missing chip.</summary>
    public byte Version { get; set; } = 0x92;

    /// <summary>How many CommandReg reads still show PowerDown after a soft reset.</summary>
    public int PowerDownReadsAfterReset { get; set; } = 2;

    /// <summary>Every transfer throws <see cref="IOException"/>, as spidev does when the device is gone.</summary>
    public bool BusFault
    {
        get => _busFault;
        set => _busFault = value;
    }

    public int SoftResets { get; private set; }

    public int Transceives { get; private set; }

    public bool Crypto1On => (Reg(Register.Status2Reg) & 0x08) != 0;

    public IReadOnlyList<RegisterWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Every frame Transceive put on the air, in order (partial last bytes as sent).</summary>
    public IReadOnlyList<byte[]> SentFrames
    {
        get
        {
            lock (_gate)
            {
                return [.. _sentFrames];
            }
        }
    }

    public void Add(SimulatedPicc card)
    {
        lock (_gate)
        {
            _field.Add(card);
        }
    }

    public void Remove(SimulatedPicc card)
    {
        lock (_gate)
        {
            _field.Remove(card);
        }
    }

    public void ClearRecords()
    {
        lock (_gate)
        {
            _writes.Clear();
            _sentFrames.Clear();
        }
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            ThrowIfFault();
            readBuffer.Clear();
            if ((writeBuffer[0] & 0x80) == 0)
            {
                WriteBurst(writeBuffer);
                return;
            }

            // Section 8.1.2.1: each byte sent names the register whose value comes back with the next byte.
            for (var i = 1; i < writeBuffer.Length; i++)
            {
                readBuffer[i] = ReadRegister(AddressOf(writeBuffer[i - 1]));
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfFault();
            if ((buffer[0] & 0x80) != 0)
            {
                throw new InvalidOperationException("A register read needs TransferFullDuplex to see the answer.");
            }

            WriteBurst(buffer);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override byte ReadByte() => throw new NotSupportedException("The MFRC522 protocol always sends an address first.");

    public override void Read(Span<byte> buffer) => throw new NotSupportedException("The MFRC522 protocol always sends an address first.");

    private static Register AddressOf(byte addressByte) => (Register)((addressByte >> 1) & 0x3F);

    private void ThrowIfFault()
    {
        if (_busFault)
        {
            throw new IOException("Remote I/O error (simulated SPI fault)");
        }
    }

    private ref byte Reg(Register register) => ref _registers[(int)register];

    /// <summary>Section 8.1.2.2: the address byte, then data bytes all written to that one register.</summary>
    private void WriteBurst(ReadOnlySpan<byte> buffer)
    {
        var register = AddressOf(buffer[0]);
        foreach (var value in buffer[1..])
        {
            _writes.Add(new RegisterWrite(register, value));
            WriteRegister(register, value);
        }
    }

    private byte ReadRegister(Register register)
    {
        switch (register)
        {
            case Register.CommandReg when _powerDownReads > 0:
                _powerDownReads--;
                return (byte)(Reg(register) | 0x10);
            case Register.FifoDataReg:
                return _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0;
            case Register.FifoLevelReg:
                return (byte)_fifo.Count;
            case Register.VersionReg:
                return Version;
            default:
                return Reg(register);
        }
    }

    private void WriteRegister(Register register, byte value)
    {
        switch (register)
        {
            case Register.CommandReg:
                Reg(register) = value;
                Execute((Command)(value & 0x0F));
                break;
            case Register.ComIrqReg or Register.DivIrqReg:
                // Bit 7 (Set1/Set2) says whether the marked bits are set or cleared (9.3.1.5, 9.3.1.6).
                Reg(register) = (value & 0x80) != 0 ? (byte)(Reg(register) | (value & 0x7F)) : (byte)(Reg(register) & ~value);
                break;
            case Register.FifoLevelReg when (value & 0x80) != 0:
                _fifo.Clear();
                Reg(Register.ErrorReg) &= unchecked((byte)~0x10);
                break;
            case Register.FifoDataReg:
                PushFifo(value);
                break;
            case Register.BitFramingReg:
                Reg(register) = value;
                if ((value & 0x80) != 0 && (Command)(Reg(Register.CommandReg) & 0x0F) == Command.Transceive)
                {
                    ExecuteTransceive();
                }

                break;
            default:
                Reg(register) = value;
                break;
        }
    }

    private void PushFifo(byte value)
    {
        if (_fifo.Count >= FifoSize)
        {
            Reg(Register.ErrorReg) |= 0x10;
            return;
        }

        _fifo.Enqueue(value);
    }

    private void Execute(Command command)
    {
        switch (command)
        {
            case Command.SoftReset:
                ResetRegisters();
                _fifo.Clear();
                _powerDownReads = PowerDownReadsAfterReset;
                SoftResets++;
                break;
            case Command.CalculateCrc:
                var crc = CrcA.Compute([.. _fifo]);
                _fifo.Clear();
                Reg(Register.CrcResultRegLow) = crc[0];
                Reg(Register.CrcResultRegHigh) = crc[1];
                Reg(Register.DivIrqReg) |= 0x04;
                break;
            case Command.MifareAuthenticate:
                ExecuteAuthentication();
                break;
        }
    }

    private void ExecuteAuthentication()
    {
        var data = _fifo.ToArray();
        _fifo.Clear();
        var ok = data.Length >= 12 && _field.ToArray().Any(card => card.Authenticate(data[0], data[1], data.AsSpan(2, 6), data.AsSpan(8, 4)));
        if (ok)
        {
            Reg(Register.Status2Reg) |= 0x08;
            Reg(Register.CommandReg) &= 0xF0;
            Reg(Register.ComIrqReg) |= 0x10;
        }
        else
        {
            Reg(Register.ComIrqReg) |= 0x01;
        }
    }

    private void ExecuteTransceive()
    {
        Transceives++;
        var sent = _fifo.ToArray();
        _fifo.Clear();
        _sentFrames.Add(sent);
        var framing = Reg(Register.BitFramingReg);
        var txLastBits = framing & 0x07;
        var rxAlign = (framing >> 4) & 0x07;
        var bits = txLastBits == 0 ? sent.Length * 8 : ((sent.Length - 1) * 8) + txLastBits;
        var answers = _field.ToArray().Select(card => card.Receive(new RfFrame(sent, bits))).OfType<RfFrame>().ToList();
        Reg(Register.ComIrqReg) |= 0x40;
        if (answers.Count == 0)
        {
            Reg(Register.ComIrqReg) |= 0x01;
            return;
        }

        Receive(answers, rxAlign);
    }

    /// <summary>Overlays the answers bit by bit; the first bit where they differ is a collision.</summary>
    private void Receive(List<RfFrame> answers, int rxAlign)
    {
        var length = answers.Max(a => a.Bits);
        var merged = new bool[length];
        var collision = -1;
        for (var i = 0; i < length; i++)
        {
            var values = answers.Where(a => i < a.Bits).Select(a => a.Bit(i)).Distinct().ToList();
            merged[i] = values.Contains(true);
            if (values.Count > 1 && collision < 0)
            {
                collision = i;
            }
        }

        LoadAnswer(merged, rxAlign);
        Reg(Register.ErrorReg) = (byte)(collision >= 0 ? 0x08 : 0x00);
        // CollPos counts from 1 including RxAlign; 32 wraps to 0 (9.3.1.15). Bit 5 = CollPosNotValid.
        Reg(Register.CollReg) = (byte)(collision >= 0 ? (collision + 1 + rxAlign) & 0x1F : 0x20);
        Reg(Register.ComIrqReg) |= (byte)(0x20 | (collision >= 0 ? 0x02 : 0x00));
    }

    private void LoadAnswer(bool[] bits, int rxAlign)
    {
        var total = rxAlign + bits.Length;
        var bytes = new byte[(total + 7) / 8];
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                bytes[(rxAlign + i) / 8] |= (byte)(1 << ((rxAlign + i) % 8));
            }
        }

        foreach (var value in bytes)
        {
            PushFifo(value);
        }

        Reg(Register.ControlReg) = (byte)((Reg(Register.ControlReg) & 0xF8) | (total % 8));
    }

    /// <summary>Reset values of the registers the driver touches (section 9.2, Table 20).</summary>
    private void ResetRegisters()
    {
        Array.Clear(_registers);
        Reg(Register.CommandReg) = 0x20;
        Reg(Register.ComIEnReg) = 0x80;
        Reg(Register.ComIrqReg) = 0x14;
        Reg(Register.ControlReg) = 0x10;
        Reg(Register.CollReg) = 0xA0;
        Reg(Register.ModeReg) = 0x3F;
        Reg(Register.TxControlReg) = 0x80;
        Reg(Register.RfCfgReg) = 0x48;
        Reg(Register.ModWidthReg) = 0x26;
        Reg(Register.CrcResultRegHigh) = 0xFF;
        Reg(Register.CrcResultRegLow) = 0xFF;
    }
}
