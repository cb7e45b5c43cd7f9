namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Reads tokens from a keyboard-wedge device's event node (card reader or code scanner): opens it,
/// feeds every key event to a fresh tokenizer, and hands tokens and failures to the writer until the
/// device goes away.
/// </summary>
/// <param name="openDevice">Opens the event source; throwing means "not there (yet)", a stream that ends means the device went away.</param>
internal sealed class EvdevTokenSource(Func<string, Stream> openDevice, string devicePath, int eventSize, Func<KeystrokeTokenizer> createTokenizer, Action countFailure)
{
    private const int EventsPerRead = 64;

    /// <summary>Opens the device and reads it until it ends; returns why it ended.</summary>
    public string ReadDevice(WedgeWriter events, CancellationToken stop)
    {
        Stream stream;
        try
        {
            stream = openDevice(devicePath);
        }
        catch (Exception ex)
        {
            return $"open_failed: {ex.Message}";
        }

        using (stream)
        using (stop.Register(stream.Dispose))
        {
            events.Status(available: true, $"opened {devicePath}");
            try
            {
                Pump(stream, events);
                return "device_closed: the event stream ended";
            }
            catch (Exception ex)
            {
                return $"device_gone: {ex.Message}";
            }
        }
    }

    private void Pump(Stream stream, WedgeWriter events)
    {
        var tokenizer = createTokenizer();
        var buffer = new byte[eventSize * EventsPerRead];
        var filled = 0;
        int count;
        while ((count = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            filled += count;
            var whole = filled - (filled % eventSize);
            for (var offset = 0; offset < whole; offset += eventSize)
            {
                if (tokenizer.Feed(InputEvent.Decode(buffer.AsSpan(offset, eventSize))) is { } token && events.Token(token))
                {
                    countFailure();
                }
            }

            buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
            filled -= whole;
        }
    }
}
