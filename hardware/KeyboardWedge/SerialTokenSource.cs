using System.IO.Ports;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Reads tokens from a serial port (card reader or code scanner): opens it, feeds every byte to a
/// fresh framer, and hands tokens and failures to the writer until the port fails.
/// </summary>
internal sealed class SerialTokenSource(string portName, int baudRate, Func<ISerialFramer> createFramer, TimeProvider timeProvider, Action countFailure)
{
    /// <summary>How long one blocking read waits, which bounds how late cancellation is noticed.</summary>
    private const int ReadTimeoutMilliseconds = 100;

    /// <summary>Opens the port and reads it until it fails; returns why.</summary>
    public string ReadPort(WedgeWriter events, CancellationToken stop)
    {
        using var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            ReadTimeout = ReadTimeoutMilliseconds,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
        }
        catch (Exception ex)
        {
            return $"open_failed: {ex.Message}";
        }

        events.Status(available: true, $"opened {portName} at {baudRate} Bd");
        try
        {
            Pump(port, events, stop);
            return "stopped";
        }
        catch (Exception ex)
        {
            return $"port_gone: {ex.Message}";
        }
    }

    private void Pump(SerialPort port, WedgeWriter events, CancellationToken stop)
    {
        var framer = createFramer();
        var buffer = new byte[256];
        while (!stop.IsCancellationRequested)
        {
            int count;
            try
            {
                count = port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }

            var now = timeProvider.GetElapsedTime(0);
            foreach (var value in buffer.AsSpan(0, count))
            {
                if (framer.Feed(value, now) is { } token && events.Token(token))
                {
                    countFailure();
                }
            }
        }
    }
}
