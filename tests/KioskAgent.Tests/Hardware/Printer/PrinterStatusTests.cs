using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Status;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Printer;

[Trait("Category", TestCategories.Unit)]
public sealed class PrinterStatusTests
{
    [Fact]
    public void FromStatusBytes_AllFixedBitsOnly_IsReady()
    {
        var status = PrinterStatus.FromStatusBytes(0x12, 0x12, 0x12);

        Assert.True(status.IsReadyToPrint);
        Assert.Equal(DeviceState.Ok, status.ToHealth().State);
    }

    [Fact]
    public void FromStatusBytes_PaperOut_IsOfflinePaperEndFault()
    {
        // DLE EOT 1 bit 3 offline; DLE EOT 2 bit 5 stopped by paper end; DLE EOT 4 bits 2,3,5,6.
        var status = PrinterStatus.FromStatusBytes(0x1A, 0x32, 0x7E);

        Assert.False(status.Online);
        Assert.True(status.PaperEnd);
        Assert.True(status.PaperNearEnd);
        Assert.False(status.IsReadyToPrint);
        Assert.Equal((DeviceState.Fault, PrinterReasons.PaperEnd), (status.ToHealth().State, status.ToHealth().Reason));
    }

    [Fact]
    public void FromStatusBytes_PaperNearEndOnly_IsDegradedButPrints()
    {
        var status = PrinterStatus.FromStatusBytes(0x12, 0x12, 0x1E);

        Assert.True(status.IsReadyToPrint);
        Assert.Equal((DeviceState.Degraded, PrinterReasons.PaperNearEnd), (status.ToHealth().State, status.ToHealth().Reason));
    }

    [Fact]
    public void FromStatusBytes_CoverOpen_IsCoverOpenFault()
    {
        var status = PrinterStatus.FromStatusBytes(0x1A, 0x16, 0x12);

        Assert.True(status.CoverOpen);
        Assert.Equal(PrinterReasons.CoverOpen, status.ToHealth().Reason);
    }

    [Fact]
    public void FromStatusBytes_ErrorWithAutocutterCause_IsAutocutterFault()
    {
        var status = PrinterStatus.FromStatusBytes(0x1A, 0x52, 0x12, errorCause: 0x1A);

        Assert.True(status.ErrorOccurred);
        Assert.True(status.AutocutterError);
        Assert.Equal(PrinterReasons.AutocutterError, status.ToHealth().Reason);
    }

    [Fact]
    public void FromStatusBytes_DrawerPinHigh_IsReportedWithoutAffectingReadiness()
    {
        var status = PrinterStatus.FromStatusBytes(0x16, 0x12, 0x12);

        Assert.True(status.DrawerPin3High);
        Assert.True(status.IsReadyToPrint);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    [InlineData(0x13)]
    public void FromStatusBytes_ByteWithoutFixedBits_IsRejected(byte garbage) =>
        Assert.Throws<FormatException>(() => PrinterStatus.FromStatusBytes(garbage, 0x12, 0x12));
}
