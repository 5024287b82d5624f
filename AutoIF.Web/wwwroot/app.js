// Small helpers called through JS interop.
window.autoif = {
    download: (fileName, url) => {
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        document.body.appendChild(a);
        a.click();
        a.remove();
    },
};
