using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>An ID-card or barcode reader that types into a Linux input device.</summary>
public sealed record EvdevCardReaderOptions
{
    /// <summary>The event node, best a stable udev symlink such as /dev/input/by-id/usb-…-event-kbd or /dev/input/id-reader.</summary>
    public required string DevicePath { get; init; }

    public TokenFormat Format { get; init; } = TokenFormat.Decimal;

    public CardTechnology Technology { get; init; } = CardTechnology.Id125Khz;

    /// <summary>Longest token accepted; longer input before Enter is refused as "too_long".</summary>
    public int MaxLength { get; init; } = 20;

    /// <summary>
    /// A longer pause between two keys throws the partial token away. Wedges type a whole card
    /// number within about 10–100 ms (a few ms per key); 200 ms tolerates slow readers and is still
    /// far shorter than the time between two taps.
    /// </summary>
    public TimeSpan InterKeyTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Take the device exclusively (EVIOCGRAB) so its keystrokes never reach the kiosk UI.</summary>
    public bool Grab { get; init; } = true;

    /// <summary>How often to try opening the device again after it disappeared.</summary>
    public TimeSpan ReopenInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Size of one <c>struct input_event</c> in the stream: 24 (64-bit) or 16 (32-bit).</summary>
    public int EventSize { get; init; } = InputEvent.NativeSize;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DevicePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLength, 1, nameof(MaxLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReopenInterval, TimeSpan.Zero, nameof(ReopenInterval));
        if (EventSize is not (16 or 24))
        {
            throw new ArgumentOutOfRangeException(nameof(EventSize), EventSize, "struct input_event has 24 (64-bit) or 16 (32-bit) bytes.");
        }
    }
}
