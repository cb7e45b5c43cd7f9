using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Queue;
using KioskAgent.Hardware.Printer.Simulated;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Hardware.Printer;

[Trait("Category", TestCategories.Unit)]
public sealed class PrintQueueTests : IAsyncLifetime
{
    private static readonly byte[] Job = [0x1B, 0x40, (byte)'h', (byte)'i', 0x0A];
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));
    private readonly SimulatedPrinter _device = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly PrintQueueOptions _options = new() { PollInterval = TimeSpan.FromSeconds(2), HoldTimeout = TimeSpan.FromSeconds(30), Capacity = 2 };
    private PrintQueue _queue = null!;
    private Task _loop = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _queue = new PrintQueue(new EscPosPrinter(_device, _time), _options, _time);
        _loop = _queue.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(RealWait);
        _stop.Dispose();
    }

    [Fact]
    public async Task Submit_PrinterReady_PrintsTheJob()
    {
        var result = await _queue.Submit("job-1", Job).WaitAsync(RealWait);

        Assert.Equal(("job-1", true, PrinterReasons.Ok), (result.JobId, result.Printed, result.Reason));
        Assert.Equal(Job, _device.PrintedBytes);
        Assert.Equal(DeviceState.Ok, _queue.Health.State);
    }

    [Fact]
    public async Task Submit_PaperEnd_HoldsTheJobAndReportsFault()
    {
        _device.PaperEnd = true;

        var job = _queue.Submit("job-1", Job);
        await Eventually.TrueAsync(() => _queue.Health.Reason == PrinterReasons.PaperEnd, "paper end in health");

        Assert.False(job.IsCompleted);
        Assert.Empty(_device.PrintedBytes);
        Assert.Equal((DeviceState.Fault, 1), (_queue.Snapshot.Health.State, _queue.Snapshot.PendingJobs));
        Assert.True(_queue.Snapshot.LastStatus!.PaperEnd);
    }

    [Fact]
    public async Task Submit_PaperRestoredWhileHeld_PrintsTheHeldJob()
    {
        _device.PaperEnd = true;
        var job = _queue.Submit("job-1", Job);
        await Eventually.TrueAsync(() => _queue.Health.Reason == PrinterReasons.PaperEnd, "paper end in health");

        _device.PaperEnd = false;
        await AdvanceUntilAsync(() => job.IsCompleted);

        Assert.True((await job).Printed);
        Assert.Equal(Job, _device.PrintedBytes);
        Assert.Equal(DeviceState.Ok, _queue.Health.State);
    }

    [Fact]
    public async Task Submit_HeldLongerThanHoldTimeout_FailsWithTheFaultAsReason()
    {
        _device.CoverOpen = true;
        var job = _queue.Submit("job-1", Job);
        await Eventually.TrueAsync(() => _queue.Health.Reason == PrinterReasons.CoverOpen, "cover open in health");

        await AdvanceUntilAsync(() => job.IsCompleted);

        var result = await job;
        Assert.Equal((false, PrinterReasons.CoverOpen), (result.Printed, result.Reason));
        Assert.True(result.At - _time.Start >= _options.HoldTimeout);
        Assert.Empty(_device.PrintedBytes);
        Assert.Equal(0, _queue.Snapshot.PendingJobs);
    }

    [Fact]
    public async Task Submit_PrinterUnpluggedThenReplugged_ReportsAbsentThenPrints()
    {
        _device.Connected = false;
        var job = _queue.Submit("job-1", Job);
        await Eventually.TrueAsync(() => _queue.Health.State == DeviceState.Absent, "absent in health");
        Assert.Equal(PrinterReasons.NotConnected, _queue.Health.Reason);

        _device.Connected = true;
        await AdvanceUntilAsync(() => job.IsCompleted);

        Assert.True((await job).Printed);
    }

    [Fact]
    public async Task Submit_PrinterNeverAnswersStatus_HoldsWithNoStatusReply()
    {
        _device.AnswersStatus = false;

        var job = _queue.Submit("job-1", Job);
        await AdvanceUntilAsync(() => _queue.Health.Reason == PrinterReasons.NoStatusReply);

        Assert.False(job.IsCompleted);
        Assert.Equal(DeviceState.Fault, _queue.Health.State);
    }

    [Fact]
    public async Task Submit_PaperNearEnd_PrintsAndReportsDegraded()
    {
        _device.PaperNearEnd = true;

        var result = await _queue.Submit("job-1", Job).WaitAsync(RealWait);

        Assert.True(result.Printed);
        Assert.Equal((DeviceState.Degraded, PrinterReasons.PaperNearEnd), (_queue.Health.State, _queue.Health.Reason));
    }

    [Fact]
    public async Task Submit_BeyondCapacity_FailsAtOnceWithQueueFull()
    {
        _device.PaperEnd = true;
        _ = _queue.Submit("job-1", Job);
        _ = _queue.Submit("job-2", Job);

        var third = await _queue.Submit("job-3", Job).WaitAsync(RealWait);

        Assert.Equal((false, PrinterReasons.QueueFull), (third.Printed, third.Reason));
    }

    [Fact]
    public async Task RunAsync_Stopped_FailsHeldJobsAndReturnsWithoutThrowing()
    {
        _device.PaperEnd = true;
        var job = _queue.Submit("job-1", Job);
        await Eventually.TrueAsync(() => _queue.Health.Reason == PrinterReasons.PaperEnd, "paper end in health");

        await _stop.CancelAsync();
        await _loop.WaitAsync(RealWait);

        Assert.Equal(PrinterReasons.Stopped, (await job).Reason);
        Assert.True(_loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Submit_TwoJobs_PrintInSubmissionOrder()
    {
        _device.PaperEnd = true;
        var first = _queue.Submit("job-1", "1"u8.ToArray());
        var second = _queue.Submit("job-2", "2"u8.ToArray());
        await Eventually.TrueAsync(() => _queue.Health.Reason == PrinterReasons.PaperEnd, "paper end in health");

        _device.PaperEnd = false;
        await AdvanceUntilAsync(() => first.IsCompleted && second.IsCompleted);

        Assert.Equal("12"u8.ToArray(), _device.PrintedBytes);
    }

    /// <summary>Moves fake time on by poll intervals until the queue's loop made <paramref name="done"/> true.</summary>
    private async Task AdvanceUntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + RealWait;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the queue did not get there");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
    }
}
