using System.IO.Ports;

namespace KioskAgent.Hardware.Printer.Transports;

/// <summary>
/// A printer on a serial line (RS-232 adapter, a USB CDC/ACM printer, or a pty in tests). Receipt
/// printers default to 9600 or 19200 baud, 8N1; set <paramref name="handshake"/> as the printer's
/// DIP switches say (hardware RTS/CTS on most).
/// </summary>
public sealed class SerialPrinterTransport(string portName, int baudRate = 9600, Handshake handshake = Handshake.None) : StreamPrinterTransport
{
    public string PortName { get; } = portName;

    public int BaudRate { get; } = baudRate;

    public override string Description => $"serial:{PortName}@{BaudRate}";

    protected override Task<Stream> OpenStreamAsync(CancellationToken cancellationToken)
    {
        var port = new SerialPort(PortName, BaudRate, Parity.None, 8, StopBits.One) { Handshake = handshake, WriteTimeout = 5000 };
        try
        {
            port.Open();

            // The base class disposes this stream, which closes the port: SerialPort.Close does
            // nothing more for an open port, and the SerialPort object itself holds no other handle.
            return Task.FromResult(port.BaseStream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            port.Dispose();
            throw OpenFailed(ex);
        }
    }
}
