using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Hardware.Printer.Simulated;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Hardware.Printer;

[Trait("Category", TestCategories.Unit)]
public sealed class EscPosPrinterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SimulatedPrinter _device = new();

    [Fact]
    public async Task QueryStatusAsync_PaperEnd_ParsesTheSimulatorsReplies()
    {
        _device.PaperEnd = true;
        await using var printer = new EscPosPrinter(_device, _time);

        var status = await printer.QueryStatusAsync();

        Assert.True(status.PaperEnd);
        Assert.False(status.Online);
        Assert.Equal(3, _device.StatusRequests); // DLE EOT 1, 2, 4; no error flagged so no 3
    }

    [Fact]
    public async Task QueryStatusAsync_NoReply_FailsWithNoStatusReplyAfterTheTimeout()
    {
        _device.AnswersStatus = false;
        await using var printer = new EscPosPrinter(_device, _time) { StatusReplyTimeout = TimeSpan.FromMilliseconds(500) };

        var query = printer.QueryStatusAsync();
        await Eventually.TrueAsync(() => _device.StatusRequests == 1, "the first request");
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<PrinterCommunicationException>(() => query.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((PrinterReasons.NoStatusReply, DeviceState.Fault), (error.Reason, error.ToHealth().State));
    }

    [Fact]
    public async Task QueryStatusAsync_Unplugged_FailsAsAbsent()
    {
        _device.Connected = false;
        await using var printer = new EscPosPrinter(_device, _time);

        var error = await Assert.ThrowsAsync<PrinterCommunicationException>(() => printer.QueryStatusAsync());

        Assert.Equal(DeviceState.Absent, error.ToHealth().State);
    }

    [Fact]
    public async Task PrintAsync_Data_ReachesThePrinterAndDecodes()
    {
        await using var printer = new EscPosPrinter(_device, _time);

        await printer.PrintAsync(new KioskAgent.Hardware.Printer.EscPos.EscPosBuilder().Line("自检 OK").ToArray());

        Assert.Equal(["自检 OK"], EscPosDecoder.Decode(_device.PrintedBytes).TextLines);
    }
}
