namespace KioskAgent.Tests.Testing.Serial;

/// <summary>Records every byte arriving at one end of a pty (opened as a plain file, like a device's UART would see it).</summary>
public sealed class PtyCapture : IDisposable
{
    private readonly FileStream _stream;
    private readonly List<byte> _bytes = [];
    private readonly Thread _reader;

    public PtyCapture(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "pty-capture" };
        _reader.Start();
    }

    public byte[] Bytes
    {
        get
        {
            lock (_bytes)
            {
                return [.. _bytes];
            }
        }
    }

    /// <summary>Waits (generously) until at least <paramref name="count"/> bytes arrived, then returns all of them.</summary>
    public async Task<byte[]> WaitForAsync(int count)
    {
        await Eventually.TrueAsync(() => Bytes.Length >= count, $"{count} bytes on the pty");
        return Bytes;
    }

    public void Clear()
    {
        lock (_bytes)
        {
            _bytes.Clear();
        }
    }

    public void Dispose() => _stream.Dispose();

    private void ReadLoop()
    {
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = _stream.Read(buffer)) > 0)
            {
                lock (_bytes)
                {
                    _bytes.AddRange(buffer.AsSpan(0, read));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pty hung up or the capture was disposed.
        }
    }
}
