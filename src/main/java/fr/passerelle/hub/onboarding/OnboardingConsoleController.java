package fr.passerelle.hub.onboarding;

import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.mapping.MappingDefinition;
import java.io.IOException;
import java.util.Base64;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /console/onboarding}: an operator picks a partner mapping, uploads a sample file and sees every record as
 * the hub would map it and the reject report the partner would get back. Nothing is stored or sent.
 */
@Controller
@RequestMapping("/console/onboarding")
class OnboardingConsoleController {

    private final MappingPreview previews;

    OnboardingConsoleController(MappingPreview previews) {
        this.previews = previews;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("mappings", previews.fileMappings().stream().map(MappingDefinition::id).toList());
        return "console/onboarding";
    }

    @PostMapping("/preview")
    String preview(@RequestParam("mapping") String mappingId, @RequestParam("sample") MultipartFile sample, Model model)
            throws IOException {
        model.addAttribute("mappings", previews.fileMappings().stream().map(MappingDefinition::id).toList());
        model.addAttribute("selected", mappingId);
        if (sample.getSize() > MappingPreviewApi.MAX_SAMPLE.toBytes()) {
            model.addAttribute("message", "Fichier trop volumineux pour un aperçu (10 Mo au plus).");
            return "console/onboarding";
        }
        int slash = mappingId.indexOf('/');
        if (slash <= 0) {
            model.addAttribute("message", "Choisissez une correspondance.");
            return "console/onboarding";
        }
        try {
            MappingPreview.Preview preview = previews.preview(mappingId.substring(0, slash),
                    mappingId.substring(slash + 1), sample.getBytes());
            model.addAttribute("preview", preview);
            if (preview.report() != null) {
                model.addAttribute("reportHref", "data:" + preview.reportContentType() + ";base64,"
                        + Base64.getEncoder().encodeToString(preview.report()));
            }
        } catch (NotFoundException unknown) {
            model.addAttribute("message", "Correspondance inconnue : " + mappingId);
        }
        return "console/onboarding";
    }
}
