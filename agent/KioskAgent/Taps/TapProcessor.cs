using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;

namespace KioskAgent.Taps;

/// <summary>
/// Turns card taps at member readers into answers: look the card up in the member cache, apply the
/// card-state rule, record the tap in the journal (durably, before anything is shown), then show
/// the member or the refusal. One watcher per reader; a failing tap never stops the reader loop.
/// </summary>
public sealed partial class TapProcessor(
    CardReaderRegistry readers,
    MemberStore members,
    TransactionJournal journal,
    ScreenBroadcaster screen,
    TimeProvider time,
    ILogger<TapProcessor> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(readers.Readers.Select(r => WatchReaderAsync(r.Reader, stoppingToken)));

    private async Task WatchReaderAsync(ICardReader reader, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var cardEvent in reader.WatchAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (cardEvent is CardPresented presented)
                    {
                        await HandleTapAsync(presented, stoppingToken).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogTapFailed(reader.ReaderId, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    internal async Task<TapOutcome> HandleTapAsync(CardPresented tap, CancellationToken cancellationToken)
    {
        var member = members.FindByCardUid(tap.Uid.Hex);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var outcome = CardAcceptance.Decide(member, tap.Uid.Hex, today);

        var transaction = new Transaction
        {
            CardTap = new CardTap
            {
                ReaderId = tap.ReaderId,
                CardUid = tap.Uid.Hex,
                MemberNumber = member?.MemberNumber ?? "",
                Accepted = outcome.Accepted,
                RefusalReason = outcome.ReasonCode,
            },
        };
        var entry = await journal.AppendAsync(transaction, "card_tap", tap.At, cancellationToken).ConfigureAwait(false);

        if (outcome.Accepted && outcome.Member is { } m)
        {
            screen.ShowMember(new MemberView
            {
                MaskedName = PersonalDataMask.Name(m.Name),
                Level = m.Level,
                Balance = new Money { AmountMinor = m.BalanceMinor, Currency = m.Currency },
                Points = m.Points,
                MaskedCard = tap.Uid.Masked(),
                TransactionId = entry.Id,
            });
        }
        else
        {
            screen.ShowRefusal(new RefusalView
            {
                ReasonCode = outcome.ReasonCode,
                Message = outcome.Message,
                MaskedCard = tap.Uid.Masked(),
                TransactionId = entry.Id,
            });
        }

        LogTap(tap.ReaderId, tap.Uid.Masked(), outcome.Accepted, outcome.ReasonCode, entry.Sequence);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tap at {ReaderId}: card {MaskedCard} accepted={Accepted} {Reason} (journal #{Sequence})")]
    private partial void LogTap(string readerId, string maskedCard, bool accepted, string reason, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tap handling failed at reader {ReaderId}; the reader keeps running")]
    private partial void LogTapFailed(string readerId, Exception ex);
}
