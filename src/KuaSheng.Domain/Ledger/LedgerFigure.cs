namespace KuaSheng.Domain.Ledger;

/// <summary>
/// What a ledger fact (台账) counts. Stored kebab-case in <c>case_ledger_facts.kind</c>: never rename a member.
/// <see cref="Opened"/> and <see cref="Closed"/> are not figures themselves: the ledger counts a case as in progress at
/// a month's end (月末在办) when it was opened for the unit before the end and not closed before it.
/// </summary>
public enum LedgerFigure
{
    /// <summary>收件 (window's unit).</summary>
    Received,
    /// <summary>代其他办理点收件: received here for a case no leg of which is at this unit.</summary>
    ReceivedForOthers,
    /// <summary>其他办理点代本办理点收件: a leg of this unit in a case another unit received.</summary>
    ReceivedByOthers,
    /// <summary>推送 (the case's first forwarding; window's unit).</summary>
    Forwarded,
    /// <summary>不予受理 (window's unit).</summary>
    NotAccepted,
    /// <summary>受理 of a leg (leg's unit).</summary>
    Accepted,
    /// <summary>退回 of a leg (leg's unit).</summary>
    Returned,
    /// <summary>审批决定: approved (leg's unit).</summary>
    Approved,
    /// <summary>审批决定: denied (leg's unit).</summary>
    Denied,
    /// <summary>办结 (every unit of the case).</summary>
    Completed,
    /// <summary>撤回 (every unit of the case).</summary>
    Withdrawn,
    /// <summary>The case concerns the unit from its submission on (every unit of the case).</summary>
    Opened,
    /// <summary>The case ended: completed, withdrawn or not accepted (every unit of the case).</summary>
    Closed,
    /// <summary>超期: a deadline missed (deadline's unit).</summary>
    Overdue,
    /// <summary>寄递 sent (sender's unit).</summary>
    MailingSent,
    /// <summary>寄递 signed for (sender's unit), once per mailing.</summary>
    MailingSigned,
    /// <summary>好差评 非常满意 (rated unit).</summary>
    RatedVerySatisfied,
    /// <summary>满意.</summary>
    RatedSatisfied,
    /// <summary>基本满意.</summary>
    RatedBasicallySatisfied,
    /// <summary>不满意.</summary>
    RatedDissatisfied,
    /// <summary>非常不满意.</summary>
    RatedVeryDissatisfied,
    /// <summary>差评 (不满意 or 非常不满意).</summary>
    BadRating,
    /// <summary>整改 recorded (rectification deadline's unit).</summary>
    Rectified,
    /// <summary>整改 recorded on or before its due day and not marked missed.</summary>
    RectifiedInTime,
}
