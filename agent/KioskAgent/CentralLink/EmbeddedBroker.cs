using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace KioskAgent.CentralLink;

/// <summary>
/// An in-process MQTT broker on loopback for demo mode (only when Central:EmbeddedBroker is true), so the full central link runs with nothing
/// installed. Registered before <see cref="MqttConnection"/> so it is listening when that connects.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<CentralLinkOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.EmbeddedBroker)
        {
            return;
        }

        var port = options.Value.Port;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await _server.StartAsync().ConfigureAwait(false);
        LogStarted(port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker (demo) listening on 127.0.0.1:{Port}")]
    private partial void LogStarted(int port);
}
