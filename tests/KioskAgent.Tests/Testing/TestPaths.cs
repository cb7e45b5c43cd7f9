using System.Reflection;

namespace KioskAgent.Tests.Testing;

/// <summary>Where things are: the agent build to start, the repository, and where artifacts go.</summary>
public static class TestPaths
{
    public static string AgentDll { get; } = Metadata("AgentDll");

    public static string KioskctlDll { get; } = Metadata("KioskctlDll");

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>Screenshots and logs a person may want to look at after a run.</summary>
    public static string Artifacts(string area)
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", "test-results", area);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A fresh, empty directory under the system temp folder.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
