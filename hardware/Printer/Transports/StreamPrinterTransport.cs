using System.Threading.Channels;

namespace KioskAgent.Hardware.Printer.Transports;

/// <summary>
/// A transport over a <see cref="Stream"/>. A background pump reads whatever the printer sends into
/// a channel, so a status read can time out without leaving a half-done read on the stream, and a
/// device that vanishes (read returns 0 or throws) is noticed as <see cref="IsConnected"/> = false.
/// </summary>
public abstract class StreamPrinterTransport : IPrinterTransport
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private Stream? _stream;
    private Channel<byte>? _input;
    private CancellationTokenSource? _pumpCancellation;

    public abstract string Description { get; }

    /// <summary>A write that takes longer (device hung up, flow control stuck) fails and closes the transport.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _stream is not null && _input is { Reader.Completion.IsCompleted: false };
            }
        }
    }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (IsConnected)
        {
            return;
        }

        Close();
        var stream = await OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        var input = Channel.CreateUnbounded<byte>(new UnboundedChannelOptions { SingleWriter = true });
        var pump = new CancellationTokenSource();
        lock (_gate)
        {
            (_stream, _input, _pumpCancellation) = (stream, input, pump);
        }

        _ = Task.Run(() => PumpAsync(stream, input.Writer, pump.Token), CancellationToken.None);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            Close(); // the pump saw the device go; writing to a hung-up tty would block
            throw new PrinterCommunicationException(PrinterReasons.NotConnected, $"{Description} went away.");
        }

        var stream = CurrentStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            await stream.WriteAsync(data, timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Close();
            throw new PrinterCommunicationException(PrinterReasons.WriteFailed, $"Writing to {Description} failed: {ex.Message}", ex);
        }
    }

    public async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        var input = CurrentInput();
        try
        {
            return await input.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            Close();
            throw new PrinterCommunicationException(PrinterReasons.NotConnected, $"{Description} went away: {ex.InnerException?.Message ?? "closed"}", ex);
        }
    }

    public void DiscardInput()
    {
        var input = CurrentInput();
        while (input.Reader.TryRead(out _))
        {
        }
    }

    public void Close()
    {
        Stream? stream;
        CancellationTokenSource? pump;
        lock (_gate)
        {
            (stream, pump) = (_stream, _pumpCancellation);
            (_stream, _pumpCancellation) = (null, null);
            _input?.Writer.TryComplete();
        }

        pump?.Cancel();
        pump?.Dispose();
        if (stream is not null)
        {
            // System.IO.Ports on Linux: after a write was pending when the tty hung up, closing the
            // port blocks forever. Close on a worker and give up waiting after a moment.
            Task.Run(() => CloseQuietly(stream)).Wait(CloseWait);
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens the device; throws <see cref="PrinterCommunicationException"/> when it cannot.</summary>
    protected abstract Task<Stream> OpenStreamAsync(CancellationToken cancellationToken);

    /// <summary>Releases the stream and whatever owns it (a serial port, a socket).</summary>
    protected virtual void CloseStream(Stream? stream)
    {
        try
        {
            stream?.Dispose();
        }
        catch (IOException)
        {
            // The device is already gone; nothing left to release.
        }
    }

    private void CloseQuietly(Stream stream)
    {
        try
        {
            CloseStream(stream);
        }
        catch (Exception)
        {
            // Closing a device that is already gone may fail in many ways; none matters any more.
        }
    }

    /// <summary>Maps the usual open failures to a reason: missing node → not_connected, no rights → permission_denied.</summary>
    protected PrinterCommunicationException OpenFailed(Exception exception) => exception switch
    {
        UnauthorizedAccessException => new(PrinterReasons.PermissionDenied, $"No permission to open {Description} (is the user in the lp / dialout group?): {exception.Message}", exception),
        _ => new(PrinterReasons.NotConnected, $"Cannot open {Description}: {exception.Message}", exception),
    };

    private static async Task PumpAsync(Stream stream, ChannelWriter<byte> writer, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    writer.TryComplete(new IOException("the device closed the connection"));
                    return;
                }

                for (var i = 0; i < read; i++)
                {
                    writer.TryWrite(buffer[i]);
                }
            }
        }
        catch (Exception ex)
        {
            // Never escapes: the pump's end is reported through the channel.
            writer.TryComplete(ex is OperationCanceledException ? null : ex);
        }
    }

    private Stream CurrentStream()
    {
        lock (_gate)
        {
            return _stream ?? throw new PrinterCommunicationException(PrinterReasons.NotConnected, $"{Description} is not open.");
        }
    }

    private Channel<byte> CurrentInput()
    {
        lock (_gate)
        {
            return _stream is not null && _input is not null
                ? _input
                : throw new PrinterCommunicationException(PrinterReasons.NotConnected, $"{Description} is not open.");
        }
    }
}
