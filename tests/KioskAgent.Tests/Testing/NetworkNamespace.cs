using System.Diagnostics;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// A network namespace of the test's own, joined to the test's host by a veth pair on a private /30:
/// an agent started inside it (<see cref="AgentSettings.NetworkNamespace"/>) may bind every
/// interface as a kiosk does, and the test reaches it from "the LAN" (the host end of the pair)
/// without anything listening on the machine's real network. Needs root (iproute2); removed on dispose.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(string name, string hostAddress, string kioskAddress)
    {
        Name = name;
        HostAddress = hostAddress;
        KioskAddress = kioskAddress;
    }

    public string Name { get; }

    /// <summary>The test's end of the veth pair (a machine on the kiosk's LAN).</summary>
    public string HostAddress { get; }

    /// <summary>The kiosk's address on that LAN.</summary>
    public string KioskAddress { get; }

    public static NetworkNamespace Create()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var subnet = Random.Shared.Next(0, 64) * 4;
        var third = Random.Shared.Next(1, 255);
        var (hostEnd, kioskEnd) = ($"kv{id}h", $"kv{id}k");
        var ns = new NetworkNamespace($"kt-{id}", $"10.251.{third}.{subnet + 1}", $"10.251.{third}.{subnet + 2}");
        try
        {
            Ip($"netns add {ns.Name}");
            Ip($"link add {hostEnd} type veth peer name {kioskEnd}");
            Ip($"link set {kioskEnd} netns {ns.Name}");
            Ip($"addr add {ns.HostAddress}/30 dev {hostEnd}");
            Ip($"link set {hostEnd} up");
            Ip($"-n {ns.Name} addr add {ns.KioskAddress}/30 dev {kioskEnd}");
            Ip($"-n {ns.Name} link set {kioskEnd} up");
            Ip($"-n {ns.Name} link set lo up");
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>Deleting the namespace deletes its end of the pair, and with it the host's end.</summary>
    public void Dispose()
    {
        try
        {
            Ip($"netns del {Name}");
        }
        catch (InvalidOperationException)
        {
            // Already gone (creation failed part-way).
        }
    }

    private static void Ip(string arguments)
    {
        var start = new ProcessStartInfo("ip", arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var ip = Process.Start(start)!;
        var error = ip.StandardError.ReadToEnd();
        ip.WaitForExit();
        if (ip.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed ({ip.ExitCode}): {error.Trim()} (network namespace tests need root and iproute2)");
        }
    }
}
