namespace KioskAgent.Rewards;

/// <summary>
/// Whether a redemption counts as online. Online means the kiosk's MQTT session to central's
/// broker is up at the moment the member confirms: the transaction can leave at once and central
/// will answer it. Anything else (broker down, network down, never connected since start) is
/// offline, and the site's offline policy decides.
/// </summary>
public interface ICentralReachability
{
    bool IsOnline { get; }
}
