using KioskAgent.Activities;
using KioskAgent.Members;

namespace KioskAgent.Draws.Running;

/// <summary>The 选房 seam answered from this kiosk's draws (<see cref="DrawRuntime.StandingAsync"/>); resolved lazily: the runtime needs the staff sessions, which list the features.</summary>
public sealed class RuntimeDrawStandings(IServiceProvider services) : IDrawStandings
{
    public Task<DrawStanding> OfAsync(string drawId, Member member, int admitFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        return services.GetRequiredService<DrawRuntime>().StandingAsync(drawId, member.MemberNumber, member.Tags, admitFirst, cancellationToken);
    }
}
