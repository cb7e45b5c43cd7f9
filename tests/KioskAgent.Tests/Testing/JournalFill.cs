using KioskAgent.Contracts.V1;
using KioskAgent.Journal;

namespace KioskAgent.Tests.Testing;

/// <summary>Brings a journal capped with <c>CapAtCurrentSizeForTesting</c> to "disk full".</summary>
public static class JournalFill
{
    /// <summary>Appends small rows until the capped file has no room left for even one more.</summary>
    public static async Task UntilFullAsync(TransactionJournal journal, DateTimeOffset at)
    {
        for (var i = 0; i < 10_000; i++)
        {
            try
            {
                await journal.AppendAsync(new Transaction { CardTap = new CardTap { CardUid = "0" } }, "card_tap", at);
            }
            catch (JournalUnavailableException)
            {
                return;
            }
        }

        throw new InvalidOperationException("The capped journal never filled up.");
    }
}
