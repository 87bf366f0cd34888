namespace KuaSheng.Domain.Ledger;

/// <summary>The figures of one ledger row (台账). All are additive counts, so a subtotal is the sum of its rows;
/// the average working days to completion is derived from <see cref="CompletionWorkingDays"/> / <see cref="Completed"/>.</summary>
public sealed record LedgerCounts
{
    /// <summary>收件.</summary>
    public long Received { get; init; }
    /// <summary>推送.</summary>
    public long Forwarded { get; init; }
    /// <summary>受理.</summary>
    public long Accepted { get; init; }
    /// <summary>退回.</summary>
    public long Returned { get; init; }
    /// <summary>审批决定: 准予.</summary>
    public long Approved { get; init; }
    /// <summary>审批决定: 不予.</summary>
    public long Denied { get; init; }
    /// <summary>办结.</summary>
    public long Completed { get; init; }
    /// <summary>撤回.</summary>
    public long Withdrawn { get; init; }
    /// <summary>不予受理.</summary>
    public long NotAccepted { get; init; }
    /// <summary>月末在办.</summary>
    public long InProgress { get; init; }
    /// <summary>超期.</summary>
    public long Overdue { get; init; }
    /// <summary>Working days from submission to completion, summed over the completed cases (办结总工作日).</summary>
    public long CompletionWorkingDays { get; init; }
    /// <summary>寄递 sent.</summary>
    public long MailingsSent { get; init; }
    /// <summary>寄递 signed for.</summary>
    public long MailingsSigned { get; init; }
    public long RatedVerySatisfied { get; init; }
    public long RatedSatisfied { get; init; }
    public long RatedBasicallySatisfied { get; init; }
    public long RatedDissatisfied { get; init; }
    public long RatedVeryDissatisfied { get; init; }
    /// <summary>差评.</summary>
    public long BadRatings { get; init; }
    /// <summary>整改完成.</summary>
    public long Rectified { get; init; }
    /// <summary>按期整改.</summary>
    public long RectifiedInTime { get; init; }
    /// <summary>咨询投诉建议 opened for the unit.</summary>
    public long TicketsOpened { get; init; }
    /// <summary>咨询投诉建议 answered (first reply) by the unit.</summary>
    public long TicketsAnswered { get; init; }
    /// <summary>代其他办理点收件.</summary>
    public long ReceivedForOthers { get; init; }
    /// <summary>其他办理点代本办理点收件.</summary>
    public long ReceivedByOthers { get; init; }

    public static readonly LedgerCounts Zero = new();

    /// <summary>Average working days to completion, one decimal; null when nothing was completed.</summary>
    public decimal? AverageWorkingDays => Completed == 0 ? null : Math.Round((decimal)CompletionWorkingDays / Completed, 1, MidpointRounding.AwayFromZero);

    /// <summary><paramref name="n"/> facts of one figure. <see cref="LedgerFigure.Opened"/> and
    /// <see cref="LedgerFigure.Closed"/> are not figures (see <see cref="InProgress"/>) and give zero.</summary>
    public static LedgerCounts Of(LedgerFigure figure, long n) => figure switch
    {
        LedgerFigure.Received => new() { Received = n },
        LedgerFigure.ReceivedForOthers => new() { ReceivedForOthers = n },
        LedgerFigure.ReceivedByOthers => new() { ReceivedByOthers = n },
        LedgerFigure.Forwarded => new() { Forwarded = n },
        LedgerFigure.NotAccepted => new() { NotAccepted = n },
        LedgerFigure.Accepted => new() { Accepted = n },
        LedgerFigure.Returned => new() { Returned = n },
        LedgerFigure.Approved => new() { Approved = n },
        LedgerFigure.Denied => new() { Denied = n },
        LedgerFigure.Completed => new() { Completed = n },
        LedgerFigure.Withdrawn => new() { Withdrawn = n },
        LedgerFigure.Overdue => new() { Overdue = n },
        LedgerFigure.MailingSent => new() { MailingsSent = n },
        LedgerFigure.MailingSigned => new() { MailingsSigned = n },
        LedgerFigure.RatedVerySatisfied => new() { RatedVerySatisfied = n },
        LedgerFigure.RatedSatisfied => new() { RatedSatisfied = n },
        LedgerFigure.RatedBasicallySatisfied => new() { RatedBasicallySatisfied = n },
        LedgerFigure.RatedDissatisfied => new() { RatedDissatisfied = n },
        LedgerFigure.RatedVeryDissatisfied => new() { RatedVeryDissatisfied = n },
        LedgerFigure.BadRating => new() { BadRatings = n },
        LedgerFigure.Rectified => new() { Rectified = n },
        LedgerFigure.RectifiedInTime => new() { RectifiedInTime = n },
        _ => Zero,
    };

    public static LedgerCounts operator +(LedgerCounts a, LedgerCounts b) => new()
    {
        Received = a.Received + b.Received,
        Forwarded = a.Forwarded + b.Forwarded,
        Accepted = a.Accepted + b.Accepted,
        Returned = a.Returned + b.Returned,
        Approved = a.Approved + b.Approved,
        Denied = a.Denied + b.Denied,
        Completed = a.Completed + b.Completed,
        Withdrawn = a.Withdrawn + b.Withdrawn,
        NotAccepted = a.NotAccepted + b.NotAccepted,
        InProgress = a.InProgress + b.InProgress,
        Overdue = a.Overdue + b.Overdue,
        CompletionWorkingDays = a.CompletionWorkingDays + b.CompletionWorkingDays,
        MailingsSent = a.MailingsSent + b.MailingsSent,
        MailingsSigned = a.MailingsSigned + b.MailingsSigned,
        RatedVerySatisfied = a.RatedVerySatisfied + b.RatedVerySatisfied,
        RatedSatisfied = a.RatedSatisfied + b.RatedSatisfied,
        RatedBasicallySatisfied = a.RatedBasicallySatisfied + b.RatedBasicallySatisfied,
        RatedDissatisfied = a.RatedDissatisfied + b.RatedDissatisfied,
        RatedVeryDissatisfied = a.RatedVeryDissatisfied + b.RatedVeryDissatisfied,
        BadRatings = a.BadRatings + b.BadRatings,
        Rectified = a.Rectified + b.Rectified,
        RectifiedInTime = a.RectifiedInTime + b.RectifiedInTime,
        TicketsOpened = a.TicketsOpened + b.TicketsOpened,
        TicketsAnswered = a.TicketsAnswered + b.TicketsAnswered,
        ReceivedForOthers = a.ReceivedForOthers + b.ReceivedForOthers,
        ReceivedByOthers = a.ReceivedByOthers + b.ReceivedByOthers,
    };
}
