namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A keyboard-wedge code scanner read from its Linux event node, grabbed so its keystrokes never
/// reach the kiosk UI: each line typed + Enter is one scanned code, tokenized exactly like a wedge
/// card reader's (<see cref="KeystrokeTokenizer"/>). <see cref="EvdevCardReaderOptions.Format"/> and
/// <see cref="EvdevCardReaderOptions.Technology"/> do not apply. WatchAsync never throws.
/// </summary>
public sealed class EvdevCodeScanner : LineCodeScanner
{
    private readonly EvdevCardReaderOptions _options;
    private readonly EvdevTokenSource _source;

    /// <param name="openDevice">Opens the event source (default: the real device); tests pass recorded event streams.</param>
    public EvdevCodeScanner(string scannerId, EvdevCardReaderOptions options, TimeProvider? timeProvider = null, Func<string, Stream>? openDevice = null)
        : base(scannerId, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _source = new EvdevTokenSource(openDevice ?? (path => EvdevStream.Open(path, options.Grab)), options.DevicePath, options.EventSize, () => new KeystrokeTokenizer(options.MaxLength, options.InterKeyTimeout), CountFailure);
    }

    protected override TimeSpan ReopenInterval => _options.ReopenInterval;

    private protected override string ReadOnce(WedgeWriter writer, CancellationToken stop) => _source.ReadDevice(writer, stop);
}
