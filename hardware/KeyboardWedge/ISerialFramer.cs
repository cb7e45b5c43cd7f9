namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>Cuts a serial byte stream into tokens.</summary>
public interface ISerialFramer
{
    /// <summary>Feeds one byte received at <paramref name="now"/> (any monotonic clock); returns a token or a failure when one ends here.</summary>
    TokenResult? Feed(byte value, TimeSpan now);
}
