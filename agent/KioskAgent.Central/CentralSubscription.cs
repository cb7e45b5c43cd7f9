namespace KioskAgent.Central;

/// <summary>
/// A topic filter a central part needs. <see cref="Shared"/> work (each message handled by one
/// central instance) is subscribed as <c>$share/{group}/{filter}</c>; watching is a plain subscription.
/// </summary>
public sealed record CentralSubscription(string Filter, bool Shared);
