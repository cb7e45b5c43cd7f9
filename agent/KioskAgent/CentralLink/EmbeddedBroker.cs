using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace KioskAgent.CentralLink;

/// <summary>
/// An in-process MQTT broker on loopback for demo mode (only when Central:EmbeddedBroker is true), so the full central link runs with nothing
/// installed. Registered before <see cref="MqttConnection"/> so it is listening when that connects.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<CentralLinkOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    // MQTTnet's server is only named inside the methods that run when the broker is on, so a kiosk
    // without it never loads MQTTnet.Server (about 0.5 MB of resident memory).
    private object? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.EmbeddedBroker)
        {
            return;
        }

        _server = await StartServerAsync(options.Value.Port).ConfigureAwait(false);
        LogStarted(options.Value.Port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server is null ? Task.CompletedTask : StopServerAsync(_server);

    public void Dispose()
    {
        if (_server is not null)
        {
            DisposeServer(_server);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<object> StartServerAsync(int port)
    {
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task StopServerAsync(object server) => ((MqttServer)server).StopAsync();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DisposeServer(object server) => ((MqttServer)server).Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker (demo) listening on 127.0.0.1:{Port}")]
    private partial void LogStarted(int port);
}
