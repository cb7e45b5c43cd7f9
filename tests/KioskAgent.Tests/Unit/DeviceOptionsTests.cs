using KioskAgent.Tests.Testing;
using static KioskAgent.Tests.Testing.Devices.DeviceConfiguration;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class DeviceOptionsTests
{
    [Fact]
    public void Validate_NoReaders_Fails()
    {
        var result = Validate();
        Assert.True(result.Failed);
        Assert.Contains("at least one reader", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var failures = Validate([
            .. Reader(0, ("Id", ""), ("Kind", "Simulated")),
            .. Reader(1, ("Id", "a"), ("Kind", "Teleporter")),
            .. Reader(2, ("Id", "a"), ("Kind", "Simulated")),
        ]).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("CardReaders:0:Id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CardReaders:1:Kind 'Teleporter'", StringComparison.Ordinal) && f.Contains("Pcsc", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("more than once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("5", "5000", "ExchangeTimeoutMs")]
    [InlineData("2000", "1000", "CardReadTimeoutMs")]
    public void Validate_PcscTimeoutsThatCannotWork_NameTheSetting(string exchangeMs, string cardMs, string expected)
    {
        var failure = Assert.Single(Validate([.. Reader(0, ("Id", "r1"), ("Kind", "Pcsc"), ("ReaderName", "ACS"), ("ExchangeTimeoutMs", exchangeMs), ("CardReadTimeoutMs", cardMs))]).Failures!);

        Assert.Contains($"CardReaders:0:{expected}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OneSimulatedReader_Succeeds() =>
        Assert.True(Validate([.. Reader(0, ("Id", "r1"), ("Kind", "Simulated"))]).Succeeded);

    [Theory]
    [InlineData("Pcsc", "ReaderName is required")]
    [InlineData("Evdev", "DevicePath is required")]
    [InlineData("Serial", "DevicePath is required")]
    public void Validate_RealReaderWithoutItsAddress_NamesTheMissingSetting(string kind, string expected) =>
        Assert.Contains(Validate([.. Reader(0, ("Id", "r"), ("Kind", kind))]).Failures!, f => f.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Validate_SerialWithUnknownFraming_IsAProblem() =>
        Assert.Contains(
            Validate([.. Reader(0, ("Id", "r"), ("Kind", "Serial"), ("DevicePath", "/dev/ttyUSB0"), ("Framing", "Smoke"))]).Failures!,
            f => f.Contains("CardReaders:0:Framing 'Smoke'", StringComparison.Ordinal));

    [Fact]
    public void Validate_NumericKind_IsNotAcceptedAsAnEnumValue() =>
        Assert.True(Validate([.. Reader(0, ("Id", "r"), ("Kind", "2"))]).Failed);

    [Fact]
    public void Validate_KindInAnyCase_IsTheSameKind() =>
        Assert.True(Validate([.. Reader(0, ("Id", "r"), ("Kind", "pcsc"), ("ReaderName", "ACS"))]).Succeeded);

    [Fact]
    public void Validate_SettingTheBinderCannotConvert_NamesTheKey()
    {
        var failure = Assert.Single(Validate([.. Reader(0, ("Id", "r"), ("Kind", "Mfrc522"), ("ResetPin", "GPIO25"))]).Failures!);

        Assert.Contains("CardReaders:0:", failure, StringComparison.Ordinal);
        Assert.Contains("ResetPin", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryRealKindWithItsSettings_Succeeds() =>
        Assert.True(Validate([
            .. Reader(0, ("Id", "a"), ("Kind", "Pcsc"), ("ReaderName", "ACS ACR122U")),
            .. Reader(1, ("Id", "b"), ("Kind", "Evdev"), ("DevicePath", "/dev/input/by-id/usb-reader-event-kbd"), ("Role", "Staff")),
            .. Reader(2, ("Id", "c"), ("Kind", "Serial"), ("DevicePath", "/dev/ttyUSB0"), ("Framing", "StxEtx"), ("Format", "Hex")),
            .. Reader(3, ("Id", "d"), ("Kind", "Mfrc522"), ("ResetPin", "25")),
        ]).Succeeded);
}
