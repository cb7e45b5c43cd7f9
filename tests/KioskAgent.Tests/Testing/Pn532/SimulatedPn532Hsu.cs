namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// A simulated PN532 on the far end of a serial line (a socat pty pair): reads the host's bytes,
/// answers with ACK and response frames as a PN532 in HSU mode does (UM0701-02 §6.2.3). The baud
/// rate means nothing on a pty; framing, checksums and the wake-up preamble do.
/// </summary>
public sealed class SimulatedPn532Hsu : IDisposable
{
    private readonly FileStream _stream;
    private readonly Thread _reader;

    public SimulatedPn532Hsu(string ptyPath, SimulatedPn532? firmware = null)
    {
        Link = new Pn532HostLink(firmware ?? new SimulatedPn532());
        _stream = new FileStream(ptyPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "pn532-hsu" };
        _reader.Start();
    }

    public Pn532HostLink Link { get; }

    public SimulatedPn532 Firmware => Link.Firmware;

    public void Dispose() => _stream.Dispose();

    private void ReadLoop()
    {
        var buffer = new byte[512];
        try
        {
            int read;
            while ((read = _stream.Read(buffer)) > 0)
            {
                foreach (var frame in Link.Receive(buffer.AsSpan(0, read)))
                {
                    // One write per frame: the binding reads the ACK with a single 6-byte Read.
                    _stream.Write(frame);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pty hung up (socat stopped) or the simulator was disposed.
        }
    }
}
