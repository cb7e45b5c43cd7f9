using KioskAgent.Devices.Discovery;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Queue;

namespace KioskAgent.Printing;

/// <summary>A receipt printer the agent has open: its print queue runs until the device goes away.</summary>
public sealed class ConnectedPrinter : IConnectedDevice
{
    private readonly EscPosPrinter _printer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ConnectedPrinter(string deviceId, EscPosPrinter printer, PrintQueueOptions options, TimeProvider time)
    {
        DeviceId = deviceId;
        _printer = printer;
        Queue = new PrintQueue(printer, options, time);
        _loop = Task.Run(() => Queue.RunAsync(_stop.Token));
    }

    public string DeviceId { get; }

    public PrintQueue Queue { get; }

    public (DeviceState State, string Reason) CheckHealth()
    {
        var health = Queue.Health;
        var snapshot = Queue.Snapshot;
        var reason = snapshot.PendingJobs > 0 ? $"{health.Reason} ({snapshot.PendingJobs} job(s) held)" : health.Reason;
        return (health.State, reason);
    }

    public void Dispose()
    {
        _stop.Cancel();
        // The queue loop never throws; a wedged serial write is capped by the transport.
        _loop.Wait(TimeSpan.FromSeconds(5));
        _printer.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
