using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Taps;

namespace KioskAgent.Statements;

/// <summary>Offers "print my statement" on every member screen and remembers whose screen it is.</summary>
public sealed class StatementMemberViewContributor(StatementPrinting statements) : IMemberViewContributor
{
    public void Contribute(string readerId, Member member, MemberView view)
    {
        view.StatementOffered = true;
        statements.Begin(new StatementSession(view.TransactionId, member.Recent?.Lines ?? []));
    }
}
