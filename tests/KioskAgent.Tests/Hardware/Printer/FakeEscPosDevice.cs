namespace KioskAgent.Tests.Hardware.Printer;

/// <summary>
/// The printer at the far end of a pty or socket, written independently of the binding: it answers
/// DLE EOT 1/2/4 with literal status bytes taken from the Epson reference (ready 0x12; paper out:
/// printer 0x1A offline, offline cause 0x32 stopped by paper end, roll sensor 0x7E near end + end)
/// and records everything else it receives.
/// </summary>
public sealed class FakeEscPosDevice : IDisposable
{
    private readonly Stream _stream;
    private readonly List<byte> _received = [];
    private readonly Thread _reader;
    private int _statusRequests;

    public FakeEscPosDevice(Stream stream)
    {
        _stream = stream;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "fake-escpos-device" };
        _reader.Start();
    }

    private volatile bool _paperOut;

    public bool PaperOut
    {
        get => _paperOut;
        set => _paperOut = value;
    }

    public int StatusRequests => Volatile.Read(ref _statusRequests);

    /// <summary>Set when the stream ended (the other side hung up).</summary>
    public bool Ended { get; private set; }

    /// <summary>Everything received except DLE EOT requests.</summary>
    public byte[] Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Opens a pty end as a plain file, as a device's firmware would see its UART.</summary>
    public static FakeEscPosDevice OnPty(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0));

    public bool HasReceived(byte[] job)
    {
        var received = Received;
        return received.AsSpan().IndexOf(job) >= 0;
    }

    public void Dispose() => _stream.Dispose();

    private void ReadLoop()
    {
        var buffer = new byte[512];
        var state = 0;
        try
        {
            int read;
            while ((read = _stream.Read(buffer)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    state = Consume(buffer[i], state);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }

        Ended = true;
    }

    private int Consume(byte value, int state)
    {
        switch (state)
        {
            case 0 when value == 0x10: return 1;
            case 1 when value == 0x04: return 2;
            case 2: Answer(value); return 0;
        }

        lock (_received)
        {
            if (state == 1)
            {
                _received.Add(0x10);
            }

            _received.Add(value);
        }

        return 0;
    }

    private void Answer(byte request)
    {
        Interlocked.Increment(ref _statusRequests);
        byte reply = (request, PaperOut) switch
        {
            (1, true) => 0x1A,
            (2, true) => 0x32,
            (4, true) => 0x7E,
            _ => 0x12,
        };
        _stream.Write([reply]);
        _stream.Flush();
    }
}
