namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>pcscd and vpcd's ports are machine-global: every test that uses them joins this collection and runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PcscCollection : ICollectionFixture<PcscdFixture>
{
    public const string Name = "pcscd";
}
