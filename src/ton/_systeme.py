"""French wording for operating-system errors (exc.strerror is English: « Permission denied »)."""
from __future__ import annotations

import errno

_FRENCH = {
    errno.EACCES: "droits insuffisants",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "le fichier existe déjà",
    errno.ELOOP: "trop de liens symboliques",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts sur le système",
    errno.EBUSY: "ressource occupée",
    errno.ETXTBSY: "fichier occupé",
    errno.EFBIG: "fichier trop gros",
    errno.EXDEV: "déplacement entre deux systèmes de fichiers impossible",
    errno.ENXIO: "périphérique ou adresse inexistant",
    errno.EAGAIN: "ressource temporairement indisponible",
    errno.EINVAL: "argument invalide",
    errno.ESTALE: "fichier réseau périmé",
    errno.ENOMEM: "mémoire insuffisante",
}


def system_error(exc: BaseException) -> str:
    """The French reason for an OSError, never the English strerror."""
    code = getattr(exc, "errno", None)
    if code in _FRENCH:
        return _FRENCH[code]
    if code:
        return f"erreur système {errno.errorcode.get(code, code)}"
    return "erreur système"
