namespace KioskAgent.Api;

/// <summary>
/// The local API. Every endpoint binds to loopback only: the UI and local tools reach it, the
/// network does not (there is deliberately no bind-address setting).
/// </summary>
public sealed class LocalApiOptions
{
    public const string Section = "Api";

    /// <summary>HTTP/1.1: the kiosk UI's static files and gRPC-Web for the browser.</summary>
    public int UiPort { get; set; } = 5080;

    /// <summary>HTTP/2 cleartext (h2c) gRPC for local tools such as kioskctl.</summary>
    public int GrpcPort { get; set; } = 5081;

    /// <summary>Optional Unix socket for gRPC (HTTP/2), e.g. /run/kiosk-agent/agent.sock.</summary>
    public string? UnixSocketPath { get; set; }

    /// <summary>Folder of the built kiosk-ui; defaults to wwwroot next to the agent.</summary>
    public string? UiRoot { get; set; }
}
