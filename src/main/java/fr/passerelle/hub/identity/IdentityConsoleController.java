package fr.passerelle.hub.identity;

import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.beneficiary.RecordAccessAudit;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operator pages of the identity review queue: each uncertain pair side by side, confirmed (merged) or rejected
 * (kept apart for good); and the recent merges, each of which can be undone. Every record shown is an audited read.
 */
@Controller
@RequestMapping("/console/identity")
class IdentityConsoleController {

    private final ReviewQueue reviews;
    private final ReviewDecisions decisions;
    private final BeneficiaryMerger merger;
    private final BeneficiaryRecords records;
    private final RecordAccessAudit audit;

    IdentityConsoleController(ReviewQueue reviews, ReviewDecisions decisions, BeneficiaryMerger merger,
                              BeneficiaryRecords records, RecordAccessAudit audit) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.merger = merger;
        this.records = records;
        this.audit = audit;
    }

    record PairView(ReviewQueue.ReviewItem item, BeneficiaryRecord incoming, BeneficiaryRecord candidate) {
    }

    @GetMapping("/reviews")
    String reviews(Model model, Principal operator) {
        List<PairView> pairs = reviews.pending().stream()
                .map(item -> new PairView(item, read(item.beneficiaryId(), operator), read(item.candidateId(), operator)))
                .toList();
        model.addAttribute("pairs", pairs);
        return "console/identity-reviews";
    }

    @PostMapping("/reviews/{id}/confirm")
    String confirm(@PathVariable UUID id, Principal operator, RedirectAttributes flash) {
        UUID merge = decisions.confirm(id, operator.getName());
        flash.addFlashAttribute("message", merge == null ? "Cette paire a déjà été traitée."
                : "Fiches fusionnées (fusion " + merge + ", réversible).");
        return "redirect:/console/identity/reviews";
    }

    @PostMapping("/reviews/{id}/reject")
    String reject(@PathVariable UUID id, Principal operator, RedirectAttributes flash) {
        flash.addFlashAttribute("message", decisions.reject(id, operator.getName())
                ? "Fiches maintenues séparées ; cette paire ne sera plus proposée." : "Cette paire a déjà été traitée.");
        return "redirect:/console/identity/reviews";
    }

    @GetMapping("/merges")
    String merges(Model model) {
        model.addAttribute("merges", merger.recent(100));
        return "console/identity-merges";
    }

    @PostMapping("/merges/{id}/undo")
    String undo(@PathVariable UUID id, Principal operator, RedirectAttributes flash) {
        merger.unmerge(id, operator.getName());
        flash.addFlashAttribute("message", "Fusion annulée : les deux fiches sont à nouveau distinctes.");
        return "redirect:/console/identity/merges";
    }

    private BeneficiaryRecord read(UUID id, Principal operator) {
        audit.recordRead(id, RecordAccessAudit.AccessorKind.OPERATOR, operator.getName(), "revue d'identité");
        return records.find(id).orElseThrow();
    }
}
