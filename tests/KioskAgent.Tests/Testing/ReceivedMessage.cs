namespace KioskAgent.Tests.Testing;

public sealed record ReceivedMessage(string Topic, string Payload, bool Retain, DateTime ReceivedAt);
