using System.Threading.Channels;

namespace KioskAgent.Draws.Running;

/// <summary>Draws whose retained messages are due, for <see cref="DrawPublisher"/>; a draw queued twice is published once more, never lost.</summary>
public sealed class DrawPublicationQueue : IDrawPublisher
{
    private readonly Channel<string> _due = Channel.CreateBounded<string>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Changed(string drawId) => _due.Writer.TryWrite(drawId);

    public ChannelReader<string> Due => _due.Reader;
}
