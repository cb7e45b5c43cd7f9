using System.Threading.Channels;
using KioskAgent.Hardware.Printer.Transports;

namespace KioskAgent.Hardware.Printer.Simulated;

/// <summary>
/// An in-process ESC/POS printer: records the bytes it is sent and answers DLE EOT n with the
/// status bytes of its current condition (paper end, near end, cover open, unplugged, mute). It is a
/// real, selectable transport (configuration <c>Kind: Simulated</c>) for demos and the UI, and what
/// unit tests print on.
/// </summary>
public sealed class SimulatedPrinter : IPrinterTransport
{
    private readonly Lock _gate = new();
    private readonly List<byte> _printed = [];
    private readonly Channel<byte> _replies = Channel.CreateUnbounded<byte>();
    private bool _open;
    private int _statusRequests;
    private int _pendingDle; // 0, or 1 after DLE, or 2 after DLE EOT: a request may span writes

    public string Description => "simulated";

    /// <summary>False while "unplugged": opening and writing fail.</summary>
    public bool Connected { get; set; } = true;

    /// <summary>False for a printer that takes data but never answers status requests.</summary>
    public bool AnswersStatus { get; set; } = true;

    public bool PaperEnd { get; set; }

    public bool PaperNearEnd { get; set; }

    public bool CoverOpen { get; set; }

    public bool IsConnected => _open && Connected;

    /// <summary>Every byte received except the DLE EOT status requests.</summary>
    public byte[] PrintedBytes
    {
        get
        {
            lock (_gate)
            {
                return [.. _printed];
            }
        }
    }

    public int StatusRequests => Volatile.Read(ref _statusRequests);

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        if (!Connected)
        {
            throw new PrinterCommunicationException(PrinterReasons.NotConnected, "The simulated printer is unplugged.");
        }

        _open = true;
        return Task.CompletedTask;
    }

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            _open = false;
            throw new PrinterCommunicationException(PrinterReasons.WriteFailed, "The simulated printer is unplugged.");
        }

        lock (_gate)
        {
            foreach (var value in data.Span)
            {
                Receive(value);
            }
        }

        return Task.CompletedTask;
    }

    public async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            throw new PrinterCommunicationException(PrinterReasons.NotConnected, "The simulated printer is unplugged.");
        }

        return await _replies.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    public void DiscardInput()
    {
        while (_replies.Reader.TryRead(out _))
        {
        }
    }

    public void Close() => _open = false;

    /// <summary>Forgets what was printed.</summary>
    public void ClearPrinted()
    {
        lock (_gate)
        {
            _printed.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        _open = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>The status byte for DLE EOT n, bits as in the Epson ESC/POS reference (fixed bits 0x12).</summary>
    public byte StatusByte(byte request)
    {
        var offline = PaperEnd || CoverOpen;
        return request switch
        {
            1 => (byte)(0x12 | (offline ? 0x08 : 0)),
            2 => (byte)(0x12 | (CoverOpen ? 0x04 : 0) | (PaperEnd ? 0x20 : 0)),
            4 => (byte)(0x12 | (PaperNearEnd || PaperEnd ? 0x0C : 0) | (PaperEnd ? 0x60 : 0)),
            _ => 0x12,
        };
    }

    private void Receive(byte value)
    {
        switch (_pendingDle)
        {
            case 0 when value == 0x10:
                _pendingDle = 1;
                return;
            case 1 when value == 0x04:
                _pendingDle = 2;
                return;
            case 1:
                _printed.Add(0x10);
                break;
            case 2:
                _pendingDle = 0;
                Answer(value);
                return;
        }

        _pendingDle = 0;
        _printed.Add(value);
    }

    private void Answer(byte request)
    {
        Interlocked.Increment(ref _statusRequests);
        if (AnswersStatus)
        {
            _replies.Writer.TryWrite(StatusByte(request));
        }
    }
}
