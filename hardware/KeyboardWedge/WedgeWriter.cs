namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Where a keyboard-wedge source (<see cref="SerialTokenSource"/>, <see cref="EvdevTokenSource"/>)
/// sends what it reads: the device's availability, once per change, and each token or failure. A
/// card reader turns tokens into card events (<see cref="WedgeEventWriter"/>), a code scanner into
/// scanned text (<see cref="ScanEventWriter"/>).
/// </summary>
internal abstract class WedgeWriter
{
    private bool? _available;

    /// <summary>
    /// Runs <paramref name="readOnce"/> (open the device, read it until it fails, return why) again and
    /// again until stopped, reporting the device unavailable with that reason before each reopen.
    /// </summary>
    public void ReadUntilStopped(Func<WedgeWriter, CancellationToken, string> readOnce, TimeSpan reopenInterval, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var reason = readOnce(this, stop);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            Status(available: false, reason);
            stop.WaitHandle.WaitOne(reopenInterval);
        }
    }

    /// <summary>Reports the device available or not, once per change.</summary>
    public void Status(bool available, string reason)
    {
        if (_available == available)
        {
            return;
        }

        _available = available;
        WriteStatus(available, reason);
    }

    /// <summary>Writes a token or a failure; returns true for a failure (the source counts it).</summary>
    public abstract bool Token(TokenResult result);

    protected abstract void WriteStatus(bool available, string reason);
}
