using System.Device.Gpio;
using System.Device.Spi;
using System.Diagnostics;

namespace KioskAgent.Hardware.Mfrc522;

/// <summary>
/// NXP MFRC522 ISO/IEC 14443 A reader IC over SPI (datasheet MFRC522 rev 3.9). This part holds the
/// bus access, reset and analogue set-up; the other parts of the class hold the chip's commands,
/// the ISO/IEC 14443-3 type A activation and the MIFARE commands.
/// The instance is not thread-safe: callers serialise access (the card reader does).
/// </summary>
public sealed partial class Mfrc522 : IDisposable
{
    /// <summary>The SPI clock the chip accepts at most (section 8.1.2: up to 10 Mbit/s).</summary>
    public const int MaximumSpiClockFrequency = 10_000_000;

    /// <summary>VersionReg reads 0x00 or 0xFF when nothing answers on the bus (MISO floating low or high).</summary>
    private static readonly byte[] NoChipVersions = [0x00, 0xFF];

    // CommandReg bit 4 PowerDown (9.3.1.2): set while the chip is in soft power-down or still resetting.
    private const byte PowerDownBit = 0x10;

    // TxControlReg bits 1..0 Tx2RFEn, Tx1RFEn (9.3.2.5): drive the antenna on TX1 and TX2.
    private const byte AntennaBits = 0x03;

    // TxASKReg bit 6 Force100ASK (9.3.2.6): 100 % ASK, which ISO/IEC 14443 A requires.
    private const byte Force100Ask = 0x40;

    // ModeReg (9.3.2.2): TxWaitRF (bit 5) + PolMFin (bit 3) + CRCPreset 01 = 6363h, the CRC_A preset of ISO/IEC 14443-3 Annex B.
    private const byte ModeCrcA = 0x3D;

    // RFCfgReg bits 6..4 RxGain (9.3.3.6); bits 3..0 are reserved and read back 1000b.
    private const byte RxGainMask = 0x70;

    /// <summary>
    /// Wait for PowerDown to clear after a reset: the crystal start-up time plus td = 1024 / 27.12 MHz
    /// = 37.74 µs (section 8.8.2) is well under a millisecond for the 27.12 MHz crystals used on
    /// modules; 50 ms tolerates slow crystals and catches a dead chip.
    /// </summary>
    private static readonly TimeSpan ResetTimeout = TimeSpan.FromMilliseconds(50);
    private const int MinResetPolls = 10;

    /// <summary>Crystal start-up plus td after a hard reset (section 8.8.2), with margin for slow crystals.</summary>
    private static readonly TimeSpan StartUpDelay = TimeSpan.FromMilliseconds(5);

    private readonly SpiDevice _spiDevice;
    private readonly GpioController? _gpioController;
    private readonly int _pinReset;
    private readonly bool _shouldDispose;
    private readonly bool _ownsGpioController;
    private ushort _timerReload;

    /// <summary>
    /// Creates the binding. <paramref name="pinReset"/> is the GPIO driving NRSTPD (-1 when it is
    /// tied high); when given, the chip is hard-reset here. The constructor does not touch the SPI
    /// bus: call <see cref="Initialize"/> before use (and again to recover from a bus fault).
    /// </summary>
    public Mfrc522(SpiDevice spiDevice, int pinReset = -1, GpioController? gpioController = null, bool shouldDispose = true)
    {
        _spiDevice = spiDevice ?? throw new ArgumentNullException(nameof(spiDevice));
        _pinReset = pinReset;
        _shouldDispose = shouldDispose;
        if (pinReset >= 0)
        {
            _ownsGpioController = gpioController is null;
            _gpioController = gpioController ?? new GpioController();
            _gpioController.OpenPin(pinReset, PinMode.Output);
            HardReset();
        }
    }

    /// <summary>SPI settings for the chip: mode 0, MSB first (section 8.1.2), 1 MHz by default.</summary>
    public static SpiConnectionSettings CreateSpiSettings(int busId = 0, int chipSelectLine = 0, int clockFrequency = 1_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clockFrequency, MaximumSpiClockFrequency);
        return new SpiConnectionSettings(busId, chipSelectLine)
        {
            Mode = SpiMode.Mode0,
            DataBitLength = 8,
            ClockFrequency = clockFrequency,
        };
    }

    /// <summary>VersionReg (9.3.4.8): 0x91 = v1.0, 0x92 = v2.0; clones report e.g. 0x88 or 0x12.</summary>
    public byte Version => ReadRegister(Register.VersionReg);

    /// <summary>Whether TX1 and TX2 drive the 13.56 MHz field (TxControlReg bits 1..0).</summary>
    public bool AntennaOn
    {
        get => (ReadRegister(Register.TxControlReg) & AntennaBits) == AntennaBits;
        set
        {
            if (value)
            {
                SetBits(Register.TxControlReg, AntennaBits);
            }
            else
            {
                ClearBits(Register.TxControlReg, AntennaBits);
            }
        }
    }

    /// <summary>Receiver gain (RFCfgReg). More gain reads from further away but hears more noise.</summary>
    public RxGain Gain
    {
        get => (RxGain)((ReadRegister(Register.RfCfgReg) & RxGainMask) >> 4);
        set => WriteRegister(Register.RfCfgReg, (byte)((ReadRegister(Register.RfCfgReg) & ~RxGainMask) | ((byte)value << 4)));
    }

    /// <summary>
    /// Soft reset and the set-up every exchange relies on: timer, 100 % ASK, CRC_A preset, antenna on.
    /// Throws <see cref="IOException"/> when no MFRC522 answers on the bus.
    /// </summary>
    public byte Initialize(RxGain? gain = null)
    {
        var version = Version;
        if (NoChipVersions.Contains(version))
        {
            throw new IOException($"No MFRC522 answers on the SPI bus (VersionReg reads 0x{version:X2}).");
        }

        SoftReset();
        // 106 kbit/s both ways, no hardware CRC: CRC_A is computed with CalcCRC (9.3.2.3, 9.3.2.4).
        WriteRegister(Register.TxModeReg, 0x00);
        WriteRegister(Register.RxModeReg, 0x00);
        ConfigureTimer();
        WriteRegister(Register.TxAskReg, Force100Ask);
        WriteRegister(Register.ModeReg, ModeCrcA);
        if (gain is { } rxGain)
        {
            Gain = rxGain;
        }

        AntennaOn = true;
        return version;
    }

    /// <summary>SoftReset command (section 10.3.1.10); returns once CommandReg PowerDown has cleared.</summary>
    public void SoftReset()
    {
        WriteRegister(Register.CommandReg, (byte)Command.SoftReset);
        WaitForPowerUp();
    }

    public byte ReadRegister(Register register)
    {
        Span<byte> request = [ReadAddress(register), 0x00];
        Span<byte> response = stackalloc byte[2];
        _spiDevice.TransferFullDuplex(request, response);
        return response[1];
    }

    public void WriteRegister(Register register, byte value)
    {
        Span<byte> request = [WriteAddress(register), value];
        _spiDevice.Write(request);
    }

    public void Dispose()
    {
        if (_gpioController is not null)
        {
            if (_gpioController.IsPinOpen(_pinReset))
            {
                _gpioController.ClosePin(_pinReset);
            }

            if (_ownsGpioController || _shouldDispose)
            {
                _gpioController.Dispose();
            }
        }

        if (_shouldDispose)
        {
            _spiDevice.Dispose();
        }
    }

    /// <summary>SPI address byte (section 8.1.2.3): bit 7 = 1 read, bits 6..1 register, bit 0 = 0.</summary>
    private static byte ReadAddress(Register register) => (byte)(0x80 | (((byte)register << 1) & 0x7E));

    private static byte WriteAddress(Register register) => (byte)(((byte)register << 1) & 0x7E);

    /// <summary>Writes several bytes to one register (the FIFO), as one SPI transfer (section 8.1.2.2).</summary>
    private void WriteRegister(Register register, ReadOnlySpan<byte> values)
    {
        Span<byte> request = stackalloc byte[values.Length + 1];
        request[0] = WriteAddress(register);
        values.CopyTo(request[1..]);
        _spiDevice.Write(request);
    }

    /// <summary>Reads several bytes from one register (the FIFO) in one transfer (section 8.1.2.1).</summary>
    private void ReadRegister(Register register, Span<byte> destination)
    {
        Span<byte> request = stackalloc byte[destination.Length + 1];
        request[..destination.Length].Fill(ReadAddress(register));
        request[destination.Length] = 0x00;
        Span<byte> response = stackalloc byte[destination.Length + 1];
        _spiDevice.TransferFullDuplex(request, response);
        response[1..].CopyTo(destination);
    }

    private void SetBits(Register register, byte mask) => WriteRegister(register, (byte)(ReadRegister(register) | mask));

    private void ClearBits(Register register, byte mask) => WriteRegister(register, (byte)(ReadRegister(register) & ~mask));

    /// <summary>
    /// NRSTPD low for at least 100 ns resets the chip (section 8.8.1); we hold it 1 ms. The SPI
    /// interface answers after the crystal start-up time plus td = 37.74 µs (section 8.8.2).
    /// </summary>
    private void HardReset()
    {
        _gpioController!.Write(_pinReset, PinValue.Low);
        Thread.Sleep(1);
        _gpioController.Write(_pinReset, PinValue.High);
        Thread.Sleep(StartUpDelay);
    }

    private void WaitForPowerUp()
    {
        var clock = Stopwatch.StartNew();
        var polls = 0;
        while ((ReadRegister(Register.CommandReg) & PowerDownBit) != 0)
        {
            // Give up only after both the time and a minimum number of looks: on a busy host one
            // Thread.Sleep(1) can take longer than the whole timeout, which says nothing about the chip.
            if (++polls > MinResetPolls && clock.Elapsed > ResetTimeout)
            {
                throw new IOException("The MFRC522 did not leave power-down after a reset (CommandReg PowerDown stays set).");
            }

            Thread.Sleep(1);
        }
    }
}
