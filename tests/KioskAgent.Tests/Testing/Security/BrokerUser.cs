namespace KioskAgent.Tests.Testing.Security;

/// <summary>A broker account of the secured test broker: password, client certificate and ACL block.</summary>
public sealed record BrokerUser(string Username, string Password, PemPair Certificate);
