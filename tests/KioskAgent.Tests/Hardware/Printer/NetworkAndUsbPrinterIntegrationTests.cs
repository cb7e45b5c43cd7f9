using System.Net;
using System.Net.Sockets;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Queue;
using KioskAgent.Hardware.Printer.Transports;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Hardware.Printer;

/// <summary>The TCP 9100 transport against a loopback listener, and the USB-class transport (a plain character device) on a pty.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class NetworkAndUsbPrinterIntegrationTests
{
    [Fact]
    public async Task TcpTransport_PaperOutThenBack_HoldsThenPrints()
    {
        using var listener = new TcpListener(IPAddress.Loopback, FreePort.Next());
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        await using var printer = new EscPosPrinter(new TcpPrinterTransport("127.0.0.1", port)) { StatusReplyTimeout = TimeSpan.FromMilliseconds(500) };
        using var stop = new CancellationTokenSource();
        var queue = new PrintQueue(printer, new PrintQueueOptions { PollInterval = TimeSpan.FromMilliseconds(100) });
        var loop = queue.RunAsync(stop.Token);
        using var client = await accepted.WaitAsync(TimeSpan.FromSeconds(10));
        using var device = new FakeEscPosDevice(client.GetStream()) { PaperOut = true };
        byte[] job = [.. "TCP-9100"u8, 0x0A];

        var pending = queue.Submit("tcp", job);
        await Eventually.TrueAsync(() => queue.Health.Reason == PrinterReasons.PaperEnd, "paper end over TCP");
        Assert.False(pending.IsCompleted);
        device.PaperOut = false;
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Printed, result.Reason);
        await Eventually.TrueAsync(() => device.HasReceived(job), "the job over TCP");
        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task TcpTransport_NobodyListening_IsAbsentNotConnected()
    {
        await using var printer = new EscPosPrinter(new TcpPrinterTransport("127.0.0.1", FreePort.Next()));

        var error = await Assert.ThrowsAsync<PrinterCommunicationException>(() => printer.QueryStatusAsync());

        Assert.Equal((DeviceState.Absent, PrinterReasons.NotConnected), (error.ToHealth().State, error.Reason));
    }

    [Fact]
    public async Task UsbTransport_CharacterDevice_AsksStatusAndPrints()
    {
        await using var pty = await SocatPtyPair.StartAsync();
        using var device = FakeEscPosDevice.OnPty(pty.PathB);
        await using var printer = new EscPosPrinter(new UsbPrinterTransport(pty.PathA)) { StatusReplyTimeout = TimeSpan.FromSeconds(2) };
        byte[] job = [.. "USB-LP"u8, 0x0A];

        var status = await printer.QueryStatusAsync();
        await printer.PrintAsync(job);

        Assert.True(status.IsReadyToPrint);
        await Eventually.TrueAsync(() => device.HasReceived(job), "the job on the lp device");
    }

    [Fact]
    public async Task UsbTransport_MissingDeviceNode_IsAbsentNotConnected()
    {
        await using var printer = new EscPosPrinter(new UsbPrinterTransport("/dev/usb/lp-does-not-exist"));

        var error = await Assert.ThrowsAsync<PrinterCommunicationException>(() => printer.QueryStatusAsync());

        Assert.Equal(PrinterReasons.NotConnected, error.Reason);
    }
}
