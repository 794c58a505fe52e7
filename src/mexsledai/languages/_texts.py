"""The human text of the instrument in Spanish, Indonesian and Portuguese,
and the headings of the printed definitions in all four languages.

English labels and definitions live in `mexsledai.registry`; these are the
project's own translations of them, using the names of LANGUAGES.md, and
await review by clinicians of each language (docs/languages.md). Keys and
machine values never change with the language.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "DESCRIPTOR_LABELS",
    "DESCRIPTOR_NOTES",
    "FINDING_DEFINITIONS",
    "FINDING_LABELS",
    "HEADINGS",
    "REPORT",
]

Texts = dict[str, dict[str, str]]

#: Language → descriptor key → label.
DESCRIPTOR_LABELS: Final[Texts] = {
    "es": {
        "neurological": "Trastorno neurológico",
        "renal": "Trastorno renal",
        "vasculitis": "Vasculitis",
        "hemolysis_thrombocytopenia": "Hemólisis o trombocitopenia",
        "myositis": "Miositis",
        "arthritis": "Artritis",
        "mucocutaneous": "Mucocutáneo",
        "serositis": "Serositis",
        "fever_fatigue": "Fiebre o fatiga",
        "leukopenia_lymphopenia": "Leucopenia o linfopenia",
    },
    "id": {
        "neurological": "Gangguan neurologis",
        "renal": "Gangguan ginjal",
        "vasculitis": "Vaskulitis",
        "hemolysis_thrombocytopenia": "Hemolisis atau trombositopenia",
        "myositis": "Miositis",
        "arthritis": "Artritis",
        "mucocutaneous": "Mukokutan",
        "serositis": "Serositis",
        "fever_fatigue": "Demam atau kelelahan",
        "leukopenia_lymphopenia": "Leukopenia atau limfopenia",
    },
    "pt": {
        "neurological": "Distúrbio neurológico",
        "renal": "Distúrbio renal",
        "vasculitis": "Vasculite",
        "hemolysis_thrombocytopenia": "Hemólise ou trombocitopenia",
        "myositis": "Miosite",
        "arthritis": "Artrite",
        "mucocutaneous": "Mucocutâneo",
        "serositis": "Serosite",
        "fever_fatigue": "Febre ou fadiga",
        "leukopenia_lymphopenia": "Leucopenia ou linfopenia",
    },
}

#: Language → finding key → label.
FINDING_LABELS: Final[Texts] = {
    "es": {
        "psychosis": "Psicosis",
        "seizures": "Convulsiones",
        "cerebrovascular_accident": "Accidente cerebrovascular",
        "organic_brain_syndrome": "Síndrome cerebral orgánico",
        "mononeuritis": "Mononeuritis",
        "myelitis": "Mielitis",
        "urinary_casts": "Cilindros urinarios",
        "hematuria": "Hematuria",
        "proteinuria": "Proteinuria",
        "creatinine_increase": "Aumento de creatinina",
        "vasculitis": "Vasculitis",
        "hemolysis": "Hemólisis",
        "thrombocytopenia": "Trombocitopenia",
        "myositis": "Miositis",
        "arthritis": "Artritis",
        "malar_rash": "Eritema malar",
        "mucosal_ulcers": "Úlceras mucosas",
        "alopecia": "Alopecia",
        "pleuritis": "Pleuritis",
        "pericarditis": "Pericarditis",
        "peritonitis": "Peritonitis",
        "fever": "Fiebre",
        "fatigue": "Fatiga",
        "leukopenia": "Leucopenia",
        "lymphopenia": "Linfopenia",
    },
    "id": {
        "psychosis": "Psikosis",
        "seizures": "Kejang",
        "cerebrovascular_accident": "Kejadian serebrovaskular",
        "organic_brain_syndrome": "Sindrom otak organik",
        "mononeuritis": "Mononeuritis",
        "myelitis": "Mielitis",
        "urinary_casts": "Silinder urin",
        "hematuria": "Hematuria",
        "proteinuria": "Proteinuria",
        "creatinine_increase": "Peningkatan kreatinin",
        "vasculitis": "Vaskulitis",
        "hemolysis": "Hemolisis",
        "thrombocytopenia": "Trombositopenia",
        "myositis": "Miositis",
        "arthritis": "Artritis",
        "malar_rash": "Ruam malar",
        "mucosal_ulcers": "Ulkus mukosa",
        "alopecia": "Alopesia",
        "pleuritis": "Pleuritis",
        "pericarditis": "Perikarditis",
        "peritonitis": "Peritonitis",
        "fever": "Demam",
        "fatigue": "Kelelahan",
        "leukopenia": "Leukopenia",
        "lymphopenia": "Limfopenia",
    },
    "pt": {
        "psychosis": "Psicose",
        "seizures": "Convulsões",
        "cerebrovascular_accident": "Acidente vascular cerebral",
        "organic_brain_syndrome": "Síndrome cerebral orgânica",
        "mononeuritis": "Mononeurite",
        "myelitis": "Mielite",
        "urinary_casts": "Cilindros urinários",
        "hematuria": "Hematúria",
        "proteinuria": "Proteinúria",
        "creatinine_increase": "Aumento da creatinina",
        "vasculitis": "Vasculite",
        "hemolysis": "Hemólise",
        "thrombocytopenia": "Trombocitopenia",
        "myositis": "Miosite",
        "arthritis": "Artrite",
        "malar_rash": "Eritema malar",
        "mucosal_ulcers": "Úlceras mucosas",
        "alopecia": "Alopecia",
        "pleuritis": "Pleurite",
        "pericarditis": "Pericardite",
        "peritonitis": "Peritonite",
        "fever": "Febre",
        "fatigue": "Fadiga",
        "leukopenia": "Leucopenia",
        "lymphopenia": "Linfopenia",
    },
}

#: Language → finding key → definition (translating the registry's English).
FINDING_DEFINITIONS: Final[Texts] = {
    "es": {
        "psychosis": (
            "Incapacidad de funcionar con normalidad por una alteración grave de la "
            "percepción de la realidad (alucinaciones, incoherencia, asociaciones "
            "laxas, pensamiento o conducta ilógicos o desorganizados); no debida a "
            "uremia ni a fármacos."
        ),
        "seizures": "De inicio reciente; no metabólicas, infecciosas ni por fármacos.",
        "cerebrovascular_accident": "Un síndrome nuevo; no debido a aterosclerosis.",
        "organic_brain_syndrome": (
            "Alteración de inicio rápido y fluctuante de la orientación, la memoria "
            "u otra función intelectual, con obnubilación y falta de atención, más "
            "al menos dos de: alteración de la percepción, lenguaje incoherente, "
            "insomnio o somnolencia diurna, actividad psicomotora aumentada o "
            "disminuida; no metabólico, infeccioso ni por fármacos."
        ),
        "mononeuritis": (
            "Déficit sensitivo o motor nuevo de uno o más nervios craneales o "
            "periféricos: una neuropatía craneal nueva puntúa aquí."
        ),
        "myelitis": (
            "Paraplejía nueva o pérdida del control vesical o intestinal; otras "
            "causas excluidas."
        ),
        "urinary_casts": "Cilindros hemogranulosos o eritrocitarios.",
        "hematuria": (
            "Más de 5 eritrocitos por campo de gran aumento; otras causas (litiasis, "
            "infección) excluidas."
        ),
        "proteinuria": (
            "De inicio reciente, más de 0,5 g/L en una muestra de orina al azar."
        ),
        "creatinine_increase": (
            'Publicado como "aumento de creatinina (> 5 mg/dL)"; la redacción no es '
            "clara (un valor absoluto o un aumento), por lo que el clínico registra "
            "este hallazgo y nunca se deriva de un valor de laboratorio."
        ),
        "vasculitis": (
            "Úlceras, gangrena, nódulos dolorosos en pulpejos, infartos "
            "periungueales, hemorragias en astilla, o vasculitis demostrada por "
            "biopsia o angiografía."
        ),
        "hemolysis": (
            "Hemoglobina menor de 12 g/dL con reticulocitos corregidos mayores de "
            "3 %; no debida a fármacos ni a otras causas."
        ),
        "thrombocytopenia": (
            "Plaquetas menos de 100 000/mm³; no debida a fármacos ni a otras causas."
        ),
        "myositis": (
            "Dolor y debilidad musculares proximales con creatinfosfocinasa (CPK) "
            "elevada."
        ),
        "arthritis": (
            "Articulaciones dolorosas con tumefacción o derrame, en dos o más "
            'articulaciones (las fuentes dicen "2" y "más de 2"; el clínico registra '
            "el hallazgo)."
        ),
        "malar_rash": (
            "Eritema malar nuevo o recurrente, o aumento del eritema malar."
        ),
        "mucosal_ulcers": "Úlceras orales o nasofaríngeas nuevas o recurrentes.",
        "alopecia": "Alopecia difusa, o cabello que se desprende con facilidad.",
        "pleuritis": "Dolor pleurítico con frote o derrame.",
        "pericarditis": "Dolor o frote pericárdico.",
        "peritonitis": (
            "Dolor abdominal difuso con rebote; causas intraabdominales excluidas."
        ),
        "fever": "Temperatura mayor de 38 °C, infección excluida.",
        "fatigue": "Fatiga no explicada por otra causa.",
        "leukopenia": "Leucocitos menos de 4000/mm³; no inducida por fármacos.",
        "lymphopenia": (
            "Linfocitos menos de 1200/mm³ (no 1500, el umbral de clasificación del "
            "ACR); no inducida por fármacos."
        ),
    },
    "id": {
        "psychosis": (
            "Ketidakmampuan berfungsi normal karena gangguan berat persepsi "
            "realitas (halusinasi, inkoherensi, asosiasi longgar, pikiran atau "
            "perilaku tidak logis atau kacau); bukan karena uremia atau obat."
        ),
        "seizures": "Awitan baru; bukan karena metabolik, infeksi, atau obat.",
        "cerebrovascular_accident": "Sindrom baru; bukan karena aterosklerosis.",
        "organic_brain_syndrome": (
            "Gangguan orientasi, memori, atau fungsi intelektual lain yang timbul "
            "cepat dan berfluktuasi, dengan kesadaran berkabut dan perhatian buruk, "
            "ditambah sedikitnya dua dari: gangguan persepsi, bicara inkoheren, "
            "insomnia atau mengantuk di siang hari, aktivitas psikomotor meningkat "
            "atau menurun; bukan karena metabolik, infeksi, atau obat."
        ),
        "mononeuritis": (
            "Defisit sensorik atau motorik baru pada satu atau lebih saraf kranial "
            "atau perifer: neuropati kranial baru dinilai di sini."
        ),
        "myelitis": (
            "Paraplegia baru dan/atau hilangnya kontrol kandung kemih atau usus; "
            "penyebab lain disingkirkan."
        ),
        "urinary_casts": "Silinder heme-granular atau silinder eritrosit.",
        "hematuria": (
            "Lebih dari 5 eritrosit per lapang pandang besar; penyebab lain (batu, "
            "infeksi) disingkirkan."
        ),
        "proteinuria": "Awitan baru, lebih dari 0,5 g/L pada sampel urin sewaktu.",
        "creatinine_increase": (
            'Dipublikasikan sebagai "peningkatan kreatinin (> 5 mg/dL)"; kata-katanya '
            "tidak jelas (nilai absolut atau kenaikan), sehingga klinisi mencatat "
            "temuan ini dan temuan ini tidak pernah diturunkan dari nilai "
            "laboratorium."
        ),
        "vasculitis": (
            "Ulserasi, gangren, nodul nyeri di ujung jari, infark periungual, "
            "perdarahan splinter, atau vaskulitis yang dibuktikan dengan biopsi atau "
            "angiografi."
        ),
        "hemolysis": (
            "Hemoglobin di bawah 12 g/dL dengan retikulosit koreksi di atas 3 %; "
            "bukan karena obat atau penyebab lain."
        ),
        "thrombocytopenia": (
            "Trombosit di bawah 100.000/mm³; bukan karena obat atau penyebab lain."
        ),
        "myositis": (
            "Nyeri dan kelemahan otot proksimal dengan kreatin fosfokinase (CPK) "
            "meningkat."
        ),
        "arthritis": (
            "Sendi nyeri dengan pembengkakan atau efusi, pada dua sendi atau lebih "
            '(sumber menyebut "2" dan "lebih dari 2"; klinisi mencatat temuan ini).'
        ),
        "malar_rash": "Ruam malar baru atau berulang, atau eritema malar bertambah.",
        "mucosal_ulcers": "Ulkus mulut atau nasofaring baru atau berulang.",
        "alopecia": "Alopesia difus, atau rambut yang mudah rontok.",
        "pleuritis": "Nyeri pleuritik dengan friction rub atau efusi.",
        "pericarditis": "Nyeri perikardial atau friction rub.",
        "peritonitis": (
            "Nyeri perut difus dengan nyeri lepas; penyebab intraabdomen disingkirkan."
        ),
        "fever": "Suhu di atas 38 °C, infeksi disingkirkan.",
        "fatigue": "Kelelahan yang tidak dapat dijelaskan.",
        "leukopenia": "Leukosit di bawah 4.000/mm³; bukan karena obat.",
        "lymphopenia": (
            "Limfosit di bawah 1.200/mm³ (bukan 1.500, ambang klasifikasi ACR); "
            "bukan karena obat."
        ),
    },
    "pt": {
        "psychosis": (
            "Incapacidade de funcionar normalmente por grave distúrbio da percepção "
            "da realidade (alucinações, incoerência, associações frouxas, "
            "pensamento ou comportamento ilógico ou desorganizado); não devida a "
            "uremia nem a medicamentos."
        ),
        "seizures": "Início recente; não metabólicas, infecciosas nem por medicamentos.",
        "cerebrovascular_accident": "Síndrome nova; não devida a aterosclerose.",
        "organic_brain_syndrome": (
            "Alteração de início rápido e flutuante da orientação, da memória ou de "
            "outra função intelectual, com turvação da consciência e atenção "
            "reduzida, mais pelo menos dois de: distúrbio da percepção, fala "
            "incoerente, insônia ou sonolência diurna, atividade psicomotora "
            "aumentada ou diminuída; não metabólica, infecciosa nem por "
            "medicamentos."
        ),
        "mononeuritis": (
            "Déficit sensitivo ou motor novo de um ou mais nervos cranianos ou "
            "periféricos: uma neuropatia craniana nova pontua aqui."
        ),
        "myelitis": (
            "Paraplegia nova e/ou perda do controle vesical ou intestinal; outras "
            "causas excluídas."
        ),
        "urinary_casts": "Cilindros heme-granulosos ou hemáticos.",
        "hematuria": (
            "Mais de 5 hemácias por campo de grande aumento; outras causas "
            "(cálculos, infecção) excluídas."
        ),
        "proteinuria": ("Início recente, mais de 0,5 g/L em amostra isolada de urina."),
        "creatinine_increase": (
            'Publicado como "aumento da creatinina (> 5 mg/dL)"; a redação não é '
            "clara (um valor absoluto ou uma elevação), por isso o clínico registra "
            "este achado e ele nunca é derivado de um valor laboratorial."
        ),
        "vasculitis": (
            "Ulceração, gangrena, nódulos dolorosos nas polpas digitais, infarto "
            "periungueal, hemorragias em estilha, ou vasculite comprovada por "
            "biópsia ou angiografia."
        ),
        "hemolysis": (
            "Hemoglobina abaixo de 12 g/dL com reticulócitos corrigidos acima de "
            "3 %; não devida a medicamentos nem a outras causas."
        ),
        "thrombocytopenia": (
            "Plaquetas abaixo de 100.000/mm³; não devida a medicamentos nem a outras "
            "causas."
        ),
        "myositis": (
            "Dor e fraqueza musculares proximais com creatinofosfoquinase (CPK) "
            "elevada."
        ),
        "arthritis": (
            "Articulações dolorosas com edema ou derrame, em duas ou mais "
            'articulações (as fontes dizem "2" e "mais de 2"; o clínico registra o '
            "achado)."
        ),
        "malar_rash": "Eritema malar novo ou recorrente, ou aumento do eritema malar.",
        "mucosal_ulcers": "Úlceras orais ou nasofaríngeas novas ou recorrentes.",
        "alopecia": "Alopecia difusa, ou cabelo que se desprende com facilidade.",
        "pleuritis": "Dor pleurítica com atrito ou derrame.",
        "pericarditis": "Dor ou atrito pericárdico.",
        "peritonitis": (
            "Dor abdominal difusa com descompressão brusca dolorosa; causas "
            "intra-abdominais excluídas."
        ),
        "fever": "Temperatura acima de 38 °C, infecção excluída.",
        "fatigue": "Fadiga sem outra explicação.",
        "leukopenia": "Leucócitos abaixo de 4.000/mm³; não induzida por medicamentos.",
        "lymphopenia": (
            "Linfócitos abaixo de 1.200/mm³ (não 1.500, o limiar de classificação "
            "do ACR); não induzida por medicamentos."
        ),
    },
}

#: Language → descriptor key → note (only descriptors with a note).
DESCRIPTOR_NOTES: Final[Texts] = {
    "es": {
        "neurological": (
            "La cefalea lúpica y los trastornos visuales del SLEDAI no tienen "
            "equivalente en el MEX-SLEDAI; el ítem de nervios craneales del SLEDAI "
            "queda cubierto aquí por la mononeuritis, puntuada una vez con el "
            "descriptor."
        ),
        "hemolysis_thrombocytopenia": (
            "Un solo ítem: ambos hallazgos juntos puntúan el peso una sola vez."
        ),
        "fever_fatigue": (
            "Un solo ítem: ambos hallazgos juntos puntúan el peso una sola vez."
        ),
        "leukopenia_lymphopenia": (
            "Un solo ítem: ambos hallazgos juntos puntúan el peso una sola vez."
        ),
    },
    "id": {
        "neurological": (
            "Nyeri kepala lupus dan gangguan penglihatan pada SLEDAI tidak ada "
            "padanannya di MEX-SLEDAI; butir saraf kranial SLEDAI tercakup di sini "
            "oleh mononeuritis, dinilai sekali bersama deskriptornya."
        ),
        "hemolysis_thrombocytopenia": (
            "Satu butir: kedua temuan bersama-sama tetap dinilai satu kali."
        ),
        "fever_fatigue": "Satu butir: kedua temuan bersama-sama tetap dinilai satu kali.",
        "leukopenia_lymphopenia": (
            "Satu butir: kedua temuan bersama-sama tetap dinilai satu kali."
        ),
    },
    "pt": {
        "neurological": (
            "A cefaleia lúpica e o distúrbio visual do SLEDAI não têm equivalente "
            "no MEX-SLEDAI; o item de nervos cranianos do SLEDAI é coberto aqui "
            "pela mononeurite, pontuada uma vez com o descritor."
        ),
        "hemolysis_thrombocytopenia": (
            "Um só item: os dois achados juntos pontuam o peso uma única vez."
        ),
        "fever_fatigue": "Um só item: os dois achados juntos pontuam o peso uma única vez.",
        "leukopenia_lymphopenia": (
            "Um só item: os dois achados juntos pontuam o peso uma única vez."
        ),
    },
}

#: Language → heading or sentence of the printed definitions. ``{days}``,
#: ``{total}`` and ``{source}`` are filled from the registry.
HEADINGS: Final[Texts] = {
    "en": {
        "intro": (
            "MEX-SLEDAI: ten descriptors, 0 to {total} points. A descriptor scores "
            "its weight once when any one of its findings is present and "
            "attributable to lupus."
        ),
        "window": (
            "Time window: a finding counts if present at the visit or in the "
            "preceding {days} days. No MEX-SLEDAI source states a window; {days} "
            "days is the convention of SLEDAI, from which MEX-SLEDAI was derived "
            "(a documented decision of this project)."
        ),
        "table": "weight  descriptor (key)",
        "derived": (
            "Findings derived from a lab value when not recorded (strict "
            "thresholds, compared in the unit given; a recorded finding always "
            "wins):"
        ),
        "percent": (
            "lymphopenia from a percentage: leukocytes × lymphocytes_percent / 100, "
            "in the leukocyte count's unit, below the same threshold (computed "
            "exactly)"
        ),
        "cannot_know": (
            "A derivation reads only the number: it cannot know 'new onset', "
            "'other causes excluded' or 'not drug-induced'. A clinician who knows "
            "another cause records the finding as absent; derived_from shows which "
            "findings came from a lab value. The derivations are this project's "
            "documented decisions, not the 1992 paper's wording."
        ),
        "units": "Lab keys (unit in the key) and plausible ranges:",
        "schemes": "Activity schemes (conventional, not validated):",
        "source": "Source: {source}",
    },
    "es": {
        "intro": (
            "MEX-SLEDAI: diez descriptores, de 0 a {total} puntos. Un descriptor "
            "puntúa su peso una vez cuando cualquiera de sus hallazgos está presente "
            "y es atribuible al lupus."
        ),
        "window": (
            "Ventana de tiempo: un hallazgo cuenta si está presente en la visita o "
            "en los {days} días previos. Ninguna fuente del MEX-SLEDAI indica una "
            "ventana; {days} días es la convención del SLEDAI, del que deriva el "
            "MEX-SLEDAI (una decisión documentada de este proyecto)."
        ),
        "table": "  peso  descriptor (clave)",
        "derived": (
            "Hallazgos derivados de un valor de laboratorio cuando no se registran "
            "(umbrales estrictos, comparados en la unidad dada; un hallazgo "
            "registrado siempre prevalece):"
        ),
        "percent": (
            "linfopenia a partir de un porcentaje: leucocitos × lymphocytes_percent "
            "/ 100, en la unidad de los leucocitos, por debajo del mismo umbral "
            "(cálculo exacto)"
        ),
        "cannot_know": (
            "Una derivación solo lee el número: no puede saber 'de inicio "
            "reciente', 'otras causas excluidas' ni 'no inducida por fármacos'. El "
            "clínico que conoce otra causa registra el hallazgo como ausente; "
            "derived_from muestra qué hallazgos vienen de un valor de laboratorio. "
            "Las derivaciones son decisiones documentadas de este proyecto, no el "
            "texto del artículo de 1992."
        ),
        "units": "Claves de laboratorio (unidad en la clave) y rangos plausibles:",
        "schemes": "Esquemas de actividad (convencionales, no validados):",
        "source": "Fuente: {source}",
    },
    "id": {
        "intro": (
            "MEX-SLEDAI: sepuluh deskriptor, 0 sampai {total} poin. Sebuah "
            "deskriptor mendapat bobotnya satu kali bila salah satu temuannya ada "
            "dan disebabkan oleh lupus."
        ),
        "window": (
            "Rentang waktu: temuan dihitung bila ada saat kunjungan atau dalam "
            "{days} hari sebelumnya. Tidak ada sumber MEX-SLEDAI yang menyebutkan "
            "rentang waktu; {days} hari adalah konvensi SLEDAI, asal MEX-SLEDAI "
            "(keputusan terdokumentasi proyek ini)."
        ),
        "table": " bobot  deskriptor (kunci)",
        "derived": (
            "Temuan yang diturunkan dari nilai laboratorium bila tidak dicatat "
            "(ambang ketat, dibandingkan dalam satuan yang diberikan; temuan yang "
            "dicatat selalu menang):"
        ),
        "percent": (
            "limfopenia dari persentase: leukosit × lymphocytes_percent / 100, dalam "
            "satuan leukosit, di bawah ambang yang sama (dihitung secara eksak)"
        ),
        "cannot_know": (
            "Derivasi hanya membaca angka: tidak dapat mengetahui 'awitan baru', "
            "'penyebab lain disingkirkan' atau 'bukan karena obat'. Klinisi yang "
            "mengetahui penyebab lain mencatat temuan sebagai tidak ada; "
            "derived_from menunjukkan temuan mana yang berasal dari nilai "
            "laboratorium. Derivasi adalah keputusan terdokumentasi proyek ini, "
            "bukan kata-kata makalah 1992."
        ),
        "units": "Kunci laboratorium (satuan dalam kunci) dan rentang wajar:",
        "schemes": "Skema aktivitas (konvensional, tidak divalidasi):",
        "source": "Sumber: {source}",
    },
    "pt": {
        "intro": (
            "MEX-SLEDAI: dez descritores, de 0 a {total} pontos. Um descritor "
            "pontua o seu peso uma vez quando qualquer um dos seus achados está "
            "presente e é atribuível ao lúpus."
        ),
        "window": (
            "Janela de tempo: um achado conta se presente na visita ou nos {days} "
            "dias anteriores. Nenhuma fonte do MEX-SLEDAI indica uma janela; {days} "
            "dias é a convenção do SLEDAI, do qual o MEX-SLEDAI deriva (uma decisão "
            "documentada deste projeto)."
        ),
        "table": "  peso  descritor (chave)",
        "derived": (
            "Achados derivados de um valor laboratorial quando não registrados "
            "(limiares estritos, comparados na unidade dada; um achado registrado "
            "sempre prevalece):"
        ),
        "percent": (
            "linfopenia a partir de uma porcentagem: leucócitos × "
            "lymphocytes_percent / 100, na unidade dos leucócitos, abaixo do mesmo "
            "limiar (cálculo exato)"
        ),
        "cannot_know": (
            "Uma derivação só lê o número: não pode saber 'início recente', "
            "'outras causas excluídas' nem 'não induzida por medicamentos'. O "
            "clínico que conhece outra causa registra o achado como ausente; "
            "derived_from mostra quais achados vieram de um valor laboratorial. As "
            "derivações são decisões documentadas deste projeto, não o texto do "
            "artigo de 1992."
        ),
        "units": "Chaves laboratoriais (unidade na chave) e faixas plausíveis:",
        "schemes": "Esquemas de atividade (convencionais, não validados):",
        "source": "Fonte: {source}",
    },
}

#: Language → the words of the reports (`mexsledai.report`). ``{...}`` are
#: filled in; warnings themselves stay in English, as error messages do.
REPORT: Final[Texts] = {
    "en": {
        "calc_points": "MEX-SLEDAI {descriptor}: points (calculated)",
        "calc_total": "MEX-SLEDAI total (0-32 points, calculated)",
        "calc_level": "MEX-SLEDAI activity level ({scheme} scheme, conventional bands)",
        "section_labs": "Laboratory values (leave blank when not measured)",
        "section_scores": "MEX-SLEDAI scores (calculated)",
        "section_descriptor": "{descriptor} (weight {weight})",
        "title": "MEX-SLEDAI disease activity",
        "total": "Total: {total} of {max} points",
        "range": (
            "Total: undetermined, between {minimum} and {maximum} of {max} points "
            "(not recorded, so unknown: {unknown})"
        ),
        "activity": "Activity: {level} ({scheme} scheme; the bands are conventional, not validated)",
        "activity_open": (
            "Activity: undetermined, the range spans several levels ({scheme} "
            "scheme; the bands are conventional, not validated)"
        ),
        "descriptor": "Descriptor",
        "weight": "Weight",
        "status": "Status",
        "points": "Points",
        "findings": "Findings present",
        "present": "present",
        "absent": "absent",
        "unknown": "unknown",
        "from": "from",
        "conflicts": "Conflicts (the recorded finding is used): {names}",
        "warnings": "Warnings",
        "assumed": "Assumed absent because not recorded ({n}): {names}",
        "assumed_none": "No finding was assumed absent.",
        "policy_unknown": "Findings not recorded were left unknown, not counted absent.",
        "footer": "Scored by mexsledai {version}. Source: {source}",
    },
    "es": {
        "calc_points": "MEX-SLEDAI {descriptor}: puntos (calculado)",
        "calc_total": "MEX-SLEDAI total (0-32 puntos, calculado)",
        "calc_level": "MEX-SLEDAI nivel de actividad (esquema {scheme}, bandas convencionales)",
        "section_labs": "Valores de laboratorio (dejar en blanco si no se midieron)",
        "section_scores": "Puntuaciones MEX-SLEDAI (calculadas)",
        "section_descriptor": "{descriptor} (peso {weight})",
        "title": "Actividad de la enfermedad MEX-SLEDAI",
        "total": "Total: {total} de {max} puntos",
        "range": (
            "Total: indeterminado, entre {minimum} y {maximum} de {max} puntos "
            "(no registrado, por tanto desconocido: {unknown})"
        ),
        "activity": "Actividad: {level} (esquema {scheme}; las bandas son convencionales, no validadas)",
        "activity_open": (
            "Actividad: indeterminada, el rango abarca varios niveles (esquema "
            "{scheme}; las bandas son convencionales, no validadas)"
        ),
        "descriptor": "Descriptor",
        "weight": "Peso",
        "status": "Estado",
        "points": "Puntos",
        "findings": "Hallazgos presentes",
        "present": "presente",
        "absent": "ausente",
        "unknown": "desconocido",
        "from": "por",
        "conflicts": "Conflictos (se usa el hallazgo registrado): {names}",
        "warnings": "Advertencias",
        "assumed": "Considerados ausentes por no estar registrados ({n}): {names}",
        "assumed_none": "Ningún hallazgo se consideró ausente.",
        "policy_unknown": "Los hallazgos no registrados quedaron desconocidos, no ausentes.",
        "footer": "Puntuado con mexsledai {version}. Fuente: {source}",
    },
    "id": {
        "calc_points": "MEX-SLEDAI {descriptor}: poin (dihitung)",
        "calc_total": "MEX-SLEDAI total (0-32 poin, dihitung)",
        "calc_level": "MEX-SLEDAI tingkat aktivitas (skema {scheme}, batas konvensional)",
        "section_labs": "Nilai laboratorium (kosongkan bila tidak diperiksa)",
        "section_scores": "Skor MEX-SLEDAI (dihitung)",
        "section_descriptor": "{descriptor} (bobot {weight})",
        "title": "Aktivitas penyakit MEX-SLEDAI",
        "total": "Total: {total} dari {max} poin",
        "range": (
            "Total: belum pasti, antara {minimum} dan {maximum} dari {max} poin "
            "(tidak dicatat, sehingga tidak diketahui: {unknown})"
        ),
        "activity": "Aktivitas: {level} (skema {scheme}; batas kategori bersifat konvensional, tidak divalidasi)",
        "activity_open": (
            "Aktivitas: belum pasti, rentang mencakup beberapa tingkat (skema "
            "{scheme}; batas kategori bersifat konvensional, tidak divalidasi)"
        ),
        "descriptor": "Deskriptor",
        "weight": "Bobot",
        "status": "Status",
        "points": "Poin",
        "findings": "Temuan yang ada",
        "present": "ada",
        "absent": "tidak ada",
        "unknown": "tidak diketahui",
        "from": "dari",
        "conflicts": "Konflik (temuan yang dicatat dipakai): {names}",
        "warnings": "Peringatan",
        "assumed": "Dianggap tidak ada karena tidak dicatat ({n}): {names}",
        "assumed_none": "Tidak ada temuan yang dianggap tidak ada.",
        "policy_unknown": "Temuan yang tidak dicatat dibiarkan tidak diketahui.",
        "footer": "Dinilai dengan mexsledai {version}. Sumber: {source}",
    },
    "pt": {
        "calc_points": "MEX-SLEDAI {descriptor}: pontos (calculado)",
        "calc_total": "MEX-SLEDAI total (0-32 pontos, calculado)",
        "calc_level": "MEX-SLEDAI nível de atividade (esquema {scheme}, faixas convencionais)",
        "section_labs": "Valores laboratoriais (deixar em branco se não medidos)",
        "section_scores": "Pontuações MEX-SLEDAI (calculadas)",
        "section_descriptor": "{descriptor} (peso {weight})",
        "title": "Atividade da doença MEX-SLEDAI",
        "total": "Total: {total} de {max} pontos",
        "range": (
            "Total: indeterminado, entre {minimum} e {maximum} de {max} pontos "
            "(não registrado, portanto desconhecido: {unknown})"
        ),
        "activity": "Atividade: {level} (esquema {scheme}; as faixas são convencionais, não validadas)",
        "activity_open": (
            "Atividade: indeterminada, a faixa abrange vários níveis (esquema "
            "{scheme}; as faixas são convencionais, não validadas)"
        ),
        "descriptor": "Descritor",
        "weight": "Peso",
        "status": "Estado",
        "points": "Pontos",
        "findings": "Achados presentes",
        "present": "presente",
        "absent": "ausente",
        "unknown": "desconhecido",
        "from": "por",
        "conflicts": "Conflitos (usa-se o achado registrado): {names}",
        "warnings": "Avisos",
        "assumed": "Considerados ausentes por não estarem registrados ({n}): {names}",
        "assumed_none": "Nenhum achado foi considerado ausente.",
        "policy_unknown": "Os achados não registrados ficaram desconhecidos, não ausentes.",
        "footer": "Pontuado com mexsledai {version}. Fonte: {source}",
    },
}
