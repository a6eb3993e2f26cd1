using Meedenker.Data;
using Meedenker.Domain;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Cases;

/// <summary>
/// The meedenker's kompas reflection on a case (at intake, during, at closing): the questions of the domain
/// brief with their own answers. The responsible meedenker writes; their coordinator reads along.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseKompasModel(AppDbContext db, AccessCheck access, TimeProvider time) : CasePageModel(db, access, time)
{
    public sealed record ReflectionRow(string Supporter, SelfRelianceMoment Moment, DateTimeOffset At, IReadOnlyList<(string Question, string Answer)> Answers);

    [BindProperty]
    public SelfRelianceMoment? Moment { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    public IReadOnlyList<ReflectionRow> Reflections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(id, AccessAction.View, "case-kompas", d => d.MayRun, cancellationToken) is { } refused)
        {
            return refused;
        }
        await LoadHeaderAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        // Only the responsible meedenker reflects; a coordinator reads.
        if (await CheckAsync(id, AccessAction.Change, "case-kompas", d => d.MayRun && d.Relation == CaseRelation.Responsible, cancellationToken) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        var answers = Kompas.Questions
            .Select(q => (q.Code, Answer: InputText.Clean(Answers.GetValueOrDefault(q.Code), multiline: true)))
            .Where(a => !string.IsNullOrEmpty(a.Answer)).ToList();
        if (Moment is null || !Enum.IsDefined(Moment.Value))
        {
            ModelState.AddModelError("Moment", Lang.Pick("Kies het moment.", "Choose the moment."));
        }
        if (answers.Count == 0)
        {
            ModelState.AddModelError("Answers", Lang.Pick("Beantwoord minstens één vraag.", "Answer at least one question."));
        }
        if (answers.Any(a => a.Answer!.Length > KompasReflection.MaxAnswer))
        {
            ModelState.AddModelError("Answers", Lang.Pick($"Een antwoord is te lang (hoogstens {KompasReflection.MaxAnswer} tekens).", $"An answer is too long (at most {KompasReflection.MaxAnswer} characters)."));
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync(id, () => LoadAsync(id, cancellationToken), cancellationToken);
        }
        var reflection = new KompasReflection
        {
            Id = Guid.NewGuid(),
            CaseId = id,
            SupporterId = UserId,
            Moment = Moment!.Value,
            At = Time.GetUtcNow(),
        };
        reflection.Answers = answers.Select(a => new KompasAnswer { ReflectionId = reflection.Id, QuestionCode = a.Code, Answer = a.Answer! }).ToList();
        Db.KompasReflections.Add(reflection);
        await Db.SaveChangesAsync(cancellationToken);
        Message = Lang.Pick("Je reflectie is opgeslagen. Je coördinator kan meelezen.", "Your reflection is saved. Your coordinator can read along.");
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var reflections = await Db.KompasReflections.AsNoTracking().Where(k => k.CaseId == id).Include(k => k.Answers)
            .Join(Db.Users, k => k.SupporterId, u => u.Id, (k, u) => new { k, u.DisplayName })
            .ToListAsync(cancellationToken);
        Reflections = reflections.OrderByDescending(r => r.k.At)
            .Select(r => new ReflectionRow(r.DisplayName, r.k.Moment, r.k.At, Kompas.Questions
                .Select(q => (Question: Lang.Pick(q.Nl, q.En), Answer: r.k.Answers.FirstOrDefault(a => a.QuestionCode == q.Code)?.Answer))
                .Where(a => a.Answer is not null).Select(a => (a.Question, a.Answer!)).ToList()))
            .ToList();
    }
}
