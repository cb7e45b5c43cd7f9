using KioskAgent.Central;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Security;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// docs/mqtt-security.md and the secured test broker describe the same mosquitto: the same
/// directives with the same values (ports and file paths aside), and the ACL the doc shows is
/// exactly what <see cref="MosquittoAcl"/> generates.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class MosquittoSecurityDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "mqtt-security.md"));

    [Fact]
    public async Task TheDocumentedMosquittoConfiguration_IsTheOneTheSecuredTestBrokerRuns()
    {
        using var security = await BrokerSecurity.CreateAsync(("site-01", "kiosk-01"));
        string[] paths = ["listener", "cafile", "certfile", "keyfile", "password_file", "acl_file"];

        var documented = Directives(Block(Doc, "## mosquitto", 0));
        var tested = Directives(security.ListenerConfig(8883));

        Assert.Equal(documented.Select(d => d.Name), tested.Select(d => d.Name));
        Assert.Equal(documented.Where(d => !paths.Contains(d.Name)), tested.Where(d => !paths.Contains(d.Name)));
        Assert.Contains(("message_size_limit", BrokerSecurity.MessageSizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)), documented);
    }

    [Fact]
    public void TheDocumentedAcl_IsWhatMosquittoAclGenerates()
    {
        var acl = Block(Doc, "## mosquitto", 1);
        var generated = MosquittoAcl.ForCentral("central") + "\n" + MosquittoAcl.ForKiosk("kiosk-site-01-kiosk-01", "site-01", "kiosk-01");

        Assert.StartsWith(generated, acl + "\n", StringComparison.Ordinal);
        Assert.Contains(MosquittoAcl.ForKiosk("kiosk-site-01-kiosk-02", "site-01", "kiosk-02").Split('\n')[..2].Aggregate((a, b) => a + "\n" + b), acl, StringComparison.Ordinal);
    }

    /// <summary>The n-th fenced block after <paramref name="heading"/>.</summary>
    private static string Block(string doc, string heading, int n)
    {
        var at = doc.IndexOf(heading, StringComparison.Ordinal);
        for (var i = 0; i <= n; i++)
        {
            at = doc.IndexOf("```\n", at, StringComparison.Ordinal) + 4;
            if (i < n)
            {
                at = doc.IndexOf("\n```", at, StringComparison.Ordinal) + 4;
            }
        }

        return doc[at..doc.IndexOf("\n```", at, StringComparison.Ordinal)];
    }

    private static List<(string Name, string Value)> Directives(string config) =>
        [.. config.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(p => (p[0], p.Length > 1 ? p[1] : ""))];
}
