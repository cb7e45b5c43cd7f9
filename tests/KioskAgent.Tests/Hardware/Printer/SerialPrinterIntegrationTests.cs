using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Hardware.Printer.Queue;
using KioskAgent.Hardware.Printer.Receipts;
using KioskAgent.Hardware.Printer.Transports;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Hardware.Printer;

/// <summary>The real serial transport (System.IO.Ports) and the queue over a socat pty pair.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SerialPrinterIntegrationTests : IAsyncLifetime
{
    private static readonly PrintQueueOptions FastPolling = new() { PollInterval = TimeSpan.FromMilliseconds(100), HoldTimeout = TimeSpan.FromMinutes(5) };
    private readonly CancellationTokenSource _stop = new();
    private SocatPtyPair _pty = null!;
    private FakeEscPosDevice _device = null!;
    private PrintQueue _queue = null!;
    private EscPosPrinter _printer = null!;
    private Task _loop = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _pty = await SocatPtyPair.StartAsync();
        _device = FakeEscPosDevice.OnPty(_pty.PathB);
        _printer = new EscPosPrinter(new SerialPrinterTransport(_pty.PathA, 19200)) { StatusReplyTimeout = TimeSpan.FromMilliseconds(500) };
        _queue = new PrintQueue(_printer, FastPolling);
        _loop = _queue.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        await _printer.DisposeAsync();
        await _pty.DisposeAsync();
        _device.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Submit_Receipt_ArrivesIntactAtTheFarEnd()
    {
        var receipt = new ReceiptTemplates().Render(ReceiptSamples.Voucher());

        var result = await _queue.Submit("voucher", receipt).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Printed, result.Reason);
        await Eventually.TrueAsync(() => _device.HasReceived(receipt), "the receipt at the device");
        Assert.Equal(["KV1:GV7Q2K9"], EscPosDecoder.Decode(_device.Received).QrPayloads);
    }

    [Fact]
    public async Task Submit_PaperOutThenPaperBack_HeldWithFaultThenPrinted()
    {
        _device.PaperOut = true;
        await Eventually.TrueAsync(() => _queue.Health.Reason == PrinterReasons.PaperEnd, "paper end reported");
        byte[] job = [.. "PAPER-BACK"u8, 0x0A];

        var pending = _queue.Submit("held", job);
        await Task.Delay(500); // several polls while the paper is out
        Assert.False(pending.IsCompleted);
        Assert.False(_device.HasReceived(job));
        Assert.Equal(DeviceState.Fault, _queue.Health.State);

        _device.PaperOut = false;
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Printed, result.Reason);
        await Eventually.TrueAsync(() => _device.HasReceived(job), "the held job at the device");
        Assert.Equal(DeviceState.Ok, _queue.Health.State);
    }

    [Fact]
    public async Task Submit_WhileUnpluggedThenReplugged_TransportReconnectsAndQueueResumes()
    {
        await Eventually.TrueAsync(() => _queue.Health.State == DeviceState.Ok, "printer ok");

        await _pty.StopAsync();
        byte[] job = [.. "AFTER-REPLUG"u8, 0x0A];
        var pending = _queue.Submit("replug", job);
        await Eventually.TrueAsync(() => _queue.Health.State is DeviceState.Absent or DeviceState.Fault, "unplug noticed");
        Assert.False(pending.IsCompleted);

        await _pty.StartAgainAsync();
        _device.Dispose();
        _device = FakeEscPosDevice.OnPty(_pty.PathB);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Printed, result.Reason);
        await Eventually.TrueAsync(() => _device.HasReceived(job), "the job after replug");
    }
}
