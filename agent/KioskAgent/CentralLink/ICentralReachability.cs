namespace KioskAgent.CentralLink;

/// <summary>
/// Whether central is reachable now. Online means the kiosk's MQTT session to central's broker is
/// up: a transaction can leave at once and central will answer it. Anything else (broker down,
/// network down, never connected since start) is offline. Here, beside the connection that owns
/// it, so features that act on it (redemption policy, the screen's offline banner) need not know
/// each other.
/// </summary>
public interface ICentralReachability
{
    bool IsOnline { get; }

    /// <summary>Raised (on any thread) when <see cref="IsOnline"/> turns; read it again in the handler.</summary>
    event Action? Changed;
}
