namespace KioskAgent.Central;

/// <summary>
/// One job of the reference central (storing transactions, tracking presence, serving member
/// sync ...). <see cref="ReferenceCentral"/> subscribes to every part's topics on each connect and
/// routes each message to the parts whose filters match it. A part must not throw for bad input:
/// it counts it and moves on.
/// </summary>
public interface ICentralPart
{
    /// <summary>Topic filters (without any <c>$share</c> prefix) and whether they are consumed as shared work.</summary>
    IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics);

    /// <summary>Called once before the first connect, with the way back to the kiosks.</summary>
    void Attach(ICentralPublisher publisher);

    Task HandleAsync(CentralMessage message, CancellationToken cancellationToken);
}
