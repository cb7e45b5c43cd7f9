namespace KioskAgent.Hardware.Printer.Transports;

/// <summary>
/// A byte pipe to an ESC/POS printer: USB printer class, serial, TCP 9100, or the simulator.
/// Opening may fail and may be retried: a transport that lost its device is reopened, not replaced.
/// Failures are <see cref="PrinterCommunicationException"/>s.
/// </summary>
public interface IPrinterTransport : IAsyncDisposable
{
    /// <summary>For logs and health, e.g. "serial:/dev/ttyUSB0@9600" or "tcp:192.0.2.10:9100".</summary>
    string Description { get; }

    /// <summary>Open, and the device has not gone away since.</summary>
    bool IsConnected { get; }

    /// <summary>Opens the device; does nothing when already connected.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The next byte the printer sent; waits until one arrives or the token is cancelled.</summary>
    ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken);

    /// <summary>Drops bytes received but not read yet (stale status replies).</summary>
    void DiscardInput();

    /// <summary>Closes the device; the next <see cref="OpenAsync"/> opens it again.</summary>
    void Close();
}
