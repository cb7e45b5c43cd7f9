using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Mfrc522;
using Driver = KioskAgent.Hardware.Mfrc522.Mfrc522;

namespace KioskAgent.Tests.Hardware.Mfrc522;

[Trait("Category", TestCategories.Unit)]
public sealed class Mfrc522InitializationTests
{
    [Fact]
    public void Initialize_ChipAnswers_SoftResetsThenWritesTimerAskModeAndAntennaInOrder()
    {
        var chip = new SimulatedMfrc522();
        using var mfrc522 = new Driver(chip);

        var version = mfrc522.Initialize();

        Assert.Equal(0x92, version);
        Assert.Equal(1, chip.SoftResets);
        var writes = chip.Writes;
        var expected = new RegisterWrite[]
        {
            new(Register.CommandReg, 0x0F),
            new(Register.TModeReg, 0x80),
            new(Register.TPrescalerReg, 0xA9),
            new(Register.TReloadRegHigh, 0x03),
            new(Register.TReloadRegLow, 0xE8),
            new(Register.TxAskReg, 0x40),
            new(Register.ModeReg, 0x3D),
        };
        var positions = expected.Select(w => writes.ToList().IndexOf(w)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        var antenna = writes.Last(w => w.Register == Register.TxControlReg);
        Assert.Equal(0x03, antenna.Value & 0x03);
        Assert.True(writes.ToList().IndexOf(antenna) > positions.Max());
    }

    [Fact]
    public void Initialize_WithGain_WritesRxGainBitsOfRfCfgReg()
    {
        var chip = new SimulatedMfrc522();
        using var mfrc522 = new Driver(chip);

        mfrc522.Initialize(RxGain.Db48);

        Assert.Equal(new RegisterWrite(Register.RfCfgReg, 0x78), chip.Writes.Last(w => w.Register == Register.RfCfgReg));
        Assert.Equal(RxGain.Db48, mfrc522.Gain);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    public void Initialize_NothingAnswersOnTheBus_ThrowsIOException(byte version)
    {
        var chip = new SimulatedMfrc522 { Version = version };
        using var mfrc522 = new Driver(chip);

        var error = Assert.Throws<IOException>(() => mfrc522.Initialize());

        Assert.Contains("VersionReg", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, chip.SoftResets);
    }

    [Fact]
    public void Initialize_PowerDownNeverClears_ThrowsIOException()
    {
        var chip = new SimulatedMfrc522 { PowerDownReadsAfterReset = int.MaxValue };
        using var mfrc522 = new Driver(chip);

        Assert.Throws<IOException>(() => mfrc522.Initialize());
    }

    [Fact]
    public void AntennaOn_SetFalse_ClearsTxControlBits0And1Only()
    {
        var chip = new SimulatedMfrc522();
        using var mfrc522 = new Driver(chip);
        mfrc522.Initialize();

        mfrc522.AntennaOn = false;

        Assert.Equal(new RegisterWrite(Register.TxControlReg, 0x80), chip.Writes[^1]);
        Assert.False(mfrc522.AntennaOn);
    }

    [Fact]
    public void ReadRegister_UsesReadAddressByte_Bit7SetRegisterInBits6To1()
    {
        var spi = new RecordingSpiDevice();
        using var mfrc522 = new Driver(spi);

        _ = mfrc522.ReadRegister(Register.VersionReg);
        mfrc522.WriteRegister(Register.ModeReg, 0x3D);

        Assert.Equal([0xEE, 0x00], spi.Transfers[0]);
        Assert.Equal([0x22, 0x3D], spi.Transfers[1]);
    }
}
