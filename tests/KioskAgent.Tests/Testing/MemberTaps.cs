using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing;

/// <summary>Taps a card at a running agent's simulated reader and reads the member screen it brings up.</summary>
public static class MemberTaps
{
    public static async Task<MemberView> TapAsync(AgentProcess agent, string card)
    {
        var before = (await ScreenReader.CurrentAsync(agent.Channel)).Sequence;
        await agent.TapAsync(card, holdMs: 100);
        var screen = await ScreenReader.WaitForAsync(agent.Channel, s => s.Sequence > before && s.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member, "the member screen");
        // Pacing, not a timing assertion: the card has left the field for well over the same-card
        // debounce (Taps:SameCardDebounceMs, 300 ms) before the next tap, so that one is a new tap.
        await Task.Delay(800);
        return screen.Member;
    }
}
