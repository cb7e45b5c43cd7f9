namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A code scanner on a serial port (USB-CDC, RS-232): each line is one scanned code, framed and
/// checked exactly like a serial card reader's (<see cref="LineFramer"/>: printable ASCII, at most
/// <see cref="SerialCardReaderOptions.MaxLength"/> characters). Reopens the port when it vanishes.
/// <see cref="SerialCardReaderOptions.Format"/> and <see cref="SerialCardReaderOptions.Technology"/>
/// do not apply: the text is delivered as scanned. WatchAsync never throws.
/// </summary>
public sealed class SerialCodeScanner : LineCodeScanner
{
    private readonly SerialCardReaderOptions _options;
    private readonly SerialTokenSource _source;

    public SerialCodeScanner(string scannerId, SerialCardReaderOptions options, TimeProvider? timeProvider = null)
        : base(scannerId, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Framing == SerialFraming.StxEtx)
        {
            throw new ArgumentException("A code scanner sends lines (Cr, Lf or CrLf), not STX/ETX frames.", nameof(options));
        }

        _options = options;
        _source = new SerialTokenSource(options.PortName, options.BaudRate, options.CreateFramer, TimeProvider, CountFailure);
    }

    protected override TimeSpan ReopenInterval => _options.ReopenInterval;

    private protected override string ReadOnce(WedgeWriter writer, CancellationToken stop) => _source.ReadPort(writer, stop);
}
