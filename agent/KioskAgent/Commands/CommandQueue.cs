using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace KioskAgent.Commands;

/// <summary>Accepted commands waiting for <see cref="CommandRunner"/>; bounded, never blocks the MQTT receive path.</summary>
public sealed class CommandQueue(IOptions<CommandOptions> options)
{
    private readonly Channel<PendingCommand> _channel = Channel.CreateBounded<PendingCommand>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleWriter = true,
    });

    /// <summary>False when the queue is full.</summary>
    public bool TryEnqueue(PendingCommand command) => _channel.Writer.TryWrite(command);

    public IAsyncEnumerable<PendingCommand> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
