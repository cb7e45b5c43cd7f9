namespace KioskAgent.Tests.Testing.Security;

/// <summary>A certificate and its private key, as PEM files.</summary>
public sealed record PemPair(string CertificateFile, string KeyFile);
